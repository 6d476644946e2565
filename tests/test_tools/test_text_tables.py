from text_tables import render_table


def test_a_table_as_text_csv_and_markdown():
    tables = render_table([['fold', 'AU1', 'Avg'], ['f1', 50.0, 61.25],
                           ['mean', 7, 'n/a']])
    assert tables['csv'] == 'fold,AU1,Avg\nf1,50.0,61.2\nmean,7.0,n/a\n'
    assert tables['md'].splitlines() == [
        '| fold | AU1 | Avg |', '|---|---|---|', '| f1 | 50.0 | 61.2 |',
        '| mean | 7.0 | n/a |']
    # right-aligned columns
    assert tables['text'].splitlines()[1] == '  f1 50.0 61.2'
