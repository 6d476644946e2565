"""The modules beside the tools (cli_options, fold_runs, text_tables, ...)
import in these tests as the tools import them: from tools/."""
import os.path as osp
import sys

from .forked_script import ROOT

sys.path.insert(0, osp.join(ROOT, 'tools'))
