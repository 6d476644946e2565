"""Convert the official DISFA release into aligned faces and annotations.

    python tools/dataset_converters/disfa.py DISFA_ROOT --out data/disfa

reads ``ActionUnit_Labels/`` and ``Videos_LeftCamera/`` and writes
``images/<subject>/left/<frame>.jpg`` (aligned 256x256 crops),
``annotations/P1.json`` ... ``P3.json`` and ``report.txt``. An AU is present
at intensity >= 2. Stop it at any time; running it again skips finished
frames.
"""
import argparse

from converter_options import add_conversion_arguments, conversion_kwargs

from mmfau.datasets.converters import convert, scan_disfa
from mmfau.facs import DISFA_AUS
from mmfau.utils import exit_on_user_error


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('root', help='DISFA release folder')
    parser.add_argument('--out', default='data/disfa', help='output folder')
    add_conversion_arguments(parser, 'LeftVideo<subject>_comp/<frame>')
    args = parser.parse_args()
    sequences, report = scan_disfa(args.root, subjects=args.subjects)
    convert('DISFA', sequences, DISFA_AUS, args.out, report=report,
            **conversion_kwargs(args))
    print(report.summary(DISFA_AUS))
    print(f'Every problem is listed with its path in {args.out}/report.txt')


if __name__ == '__main__':
    exit_on_user_error(main)
