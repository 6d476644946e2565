"""Writing a table of results as aligned text, CSV and Markdown."""
from typing import Dict, List


def render_table(rows: List[List]) -> Dict[str, str]:
    """The table as aligned text, CSV and Markdown.

    Args:
        rows (list[list]): Header row first; numbers are written with one
            decimal, strings as they are.

    Returns:
        dict[str, str]: ``text``, ``csv`` and ``md``.
    """
    fmt = [[c if isinstance(c, str) else f'{c:.1f}' for c in r] for r in rows]
    widths = [max(len(r[i]) for r in fmt) for i in range(len(fmt[0]))]
    text = '\n'.join(' '.join(c.rjust(w) for c, w in zip(r, widths))
                     for r in fmt)
    csv = '\n'.join(','.join(r) for r in fmt) + '\n'
    md = ['| ' + ' | '.join(fmt[0]) + ' |',
          '|' + '---|' * len(fmt[0])]
    md += ['| ' + ' | '.join(r) + ' |' for r in fmt[1:]]
    return dict(text=text, csv=csv, md='\n'.join(md) + '\n')
