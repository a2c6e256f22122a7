-- params: [101]
SELECT "t"."code_region" AS "region", "t"."lib_region" AS "region_label", CAST(COUNT(*) AS BIGINT) AS "nb_lignes" FROM "fx_dotations" AS "t" GROUP BY "t"."code_region", "t"."lib_region" ORDER BY CAST(COUNT(*) AS BIGINT) DESC NULLS LAST, "t"."code_region" COLLATE "C" ASC NULLS LAST, "t"."lib_region" COLLATE "C" ASC NULLS LAST LIMIT $1
