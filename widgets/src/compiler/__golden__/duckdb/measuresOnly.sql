-- params: [101]
SELECT CAST(SUM("t"."montant_ae") AS DOUBLE) AS "montant_ae", CAST(COUNT(*) AS BIGINT) AS "nb_lignes", CAST(SUM("t"."montant_cp") AS DOUBLE) / NULLIF(CAST(SUM("t"."montant_ae") AS DOUBLE), 0) AS "taux_paiement" FROM "fx_dotations" AS "t" LIMIT $1
