-- params: [101]
SELECT "t"."type_beneficiaire" AS "type_beneficiaire" FROM "fx_dotations" AS "t" GROUP BY "t"."type_beneficiaire" ORDER BY "t"."type_beneficiaire" DESC NULLS LAST LIMIT $1
