from odoo.tests import BaseCase, tagged

from ..tools import page_chunks


@tagged("post_install", "-at_install")
class TestPageChunks(BaseCase):
    """Printed lists are cut into pages, each printed with its header row (gov_page_chunks)."""

    def test_first_page_then_full_pages(self):
        chunks = page_chunks(range(69), 24, first=20)
        self.assertEqual([len(c) for c in chunks], [20, 24, 22, 3])
        self.assertEqual([row for chunk in chunks for row in chunk], list(range(69)), "every row once, in order")

    def test_no_row_alone_on_the_last_page(self):
        self.assertEqual([len(c) for c in page_chunks(range(26), 25)], [23, 3])
        self.assertEqual([len(c) for c in page_chunks(range(21), 20, min_last=1)], [20, 1])
        # a first page of one row cannot give any
        self.assertEqual([len(c) for c in page_chunks(range(2), 5, first=1)], [1, 1])

    def test_short_and_empty_lists_are_one_page(self):
        self.assertEqual(page_chunks(range(5), 24, first=20), [[0, 1, 2, 3, 4]])
        self.assertEqual(page_chunks([], 24), [[]], "an empty list still prints its header")

    def test_sizes_must_be_positive(self):
        with self.assertRaises(ValueError):
            page_chunks(range(3), 0)
        with self.assertRaises(ValueError):
            page_chunks(range(3), 10, first=0)
