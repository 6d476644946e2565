"""The README is a front page whose links all resolve, and the guides under
docs/en build with Sphinx without a warning."""
import glob
import os.path as osp
import re
import subprocess
import sys

import pytest

from tests.test_tools.helpers import ROOT

#: Markdown links and images: [text](target), skipping web addresses.
_LINK = re.compile(r'!?\[[^\]]*\]\(([^)\s]+)\)')


def _slug(heading: str) -> str:
    """The anchor GitHub and MyST give a heading."""
    text = re.sub(r'[^\w\- ]', '', heading.strip().lower())
    return text.replace(' ', '-')


def _anchors(path: str) -> set:
    fence = False
    anchors = set()
    with open(path) as f:
        for line in f:
            fence ^= line.startswith('```')
            if not fence and re.match(r'^#{1,6} ', line):
                anchors.add(_slug(line.lstrip('#')))
    return anchors


def test_every_link_resolves_inside_the_repository():
    pages = ['README.md', 'configs/fau/README.md',
             'projects/decoder_study/README.md', *sorted(
        osp.relpath(p, ROOT)
        for p in glob.glob(osp.join(ROOT, 'docs', 'en', '*.md')))]
    links = []
    for page in pages:
        with open(osp.join(ROOT, page)) as f:
            links += [(page, t) for t in _LINK.findall(f.read())]
    assert len(links) > 20
    for page, target in links:
        if re.match(r'^[a-z]+://', target):
            continue
        path = osp.join(ROOT, page)
        file, _, anchor = target.partition('#')
        resolved = osp.normpath(osp.join(osp.dirname(path), file)) \
            if file else path
        assert osp.isfile(resolved), f'{page}: {target} does not exist'
        if anchor and resolved.endswith('.md'):
            assert anchor in _anchors(resolved), \
                f'{page}: no heading for #{anchor} in {file or page}'


def test_the_readme_is_a_front_page():
    with open(osp.join(ROOT, 'README.md')) as f:
        lines = f.read().splitlines()
    assert len(lines) <= 130
    # the two commands: install + main job, and the tests
    text = '\n'.join(lines)
    assert 'pip install -r requirements.txt && pip install -e . && python ' \
        'tools/train.py configs/fau/full_synthetic.py' in text
    assert 'ruff check . && python -m pytest tests' in text


@pytest.mark.slow
def test_the_guides_build_without_warnings(tmp_path):
    done = subprocess.run(
        [sys.executable, '-m', 'sphinx', '-W', '--keep-going', '-q', '-b',
         'html', osp.join(ROOT, 'docs', 'en'), str(tmp_path)],
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert (tmp_path / 'results.html').is_file()
