-- params: ["2020-01-01","2020-06-30",101]
SELECT to_char("t"."date_decision", 'YYYY-MM-DD') AS "date_decision", CAST(COUNT(*) AS BIGINT) AS "nb_lignes" FROM "fx_dotations" AS "t" WHERE "t"."date_decision" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE) GROUP BY "t"."date_decision" ORDER BY "t"."date_decision" DESC NULLS LAST LIMIT $3
