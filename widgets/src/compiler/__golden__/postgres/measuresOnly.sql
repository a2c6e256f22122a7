-- params: [101]
SELECT CAST(SUM("t"."montant_ae") AS double precision) AS "montant_ae", CAST(COUNT(*) AS BIGINT) AS "nb_lignes", CAST(SUM("t"."montant_cp") AS double precision) / NULLIF(CAST(SUM("t"."montant_ae") AS double precision), 0) AS "taux_paiement" FROM "fx_dotations" AS "t" LIMIT $1
