"""The suite's tables carry no index twice: a UNIQUE constraint's index serves the lookups too, a
second plain index on the same columns only costs every insert and update (gov_case had two such
pairs: two extra index writes per case)."""

from odoo.tests import TransactionCase, tagged


@tagged("gov", "post_install", "-at_install")
class TestSchema(TransactionCase):
    def test_no_index_twice(self):
        self.env.cr.execute(
            """
            SELECT t.relname, array_agg(c.relname ORDER BY c.relname)
              FROM pg_index i
              JOIN pg_class t ON t.oid = i.indrelid
              JOIN pg_class c ON c.oid = i.indexrelid
              JOIN pg_am a ON a.oid = c.relam
             WHERE t.relname LIKE 'gov\\_%%' AND t.relnamespace = 'public'::regnamespace
               AND i.indexprs IS NULL AND i.indpred IS NULL
             GROUP BY t.relname, i.indkey::text, i.indclass::text, a.amname
            HAVING count(*) > 1
            """
        )
        self.assertEqual(self.env.cr.fetchall(), [], "one index per set of columns")
