"""Convert your own AU-labelled images or video frames, listed in a
manifest CSV (format: mmfau/datasets/converters/custom.py and the README).

    python tools/dataset_converters/custom.py MANIFEST.csv --out data/mydata

writes aligned faces, one annotation file per subject part
(``annotations/P1.json`` ...) and ``report.txt``, through the same face
detection, alignment, cache and report as the BP4D and DISFA converters.
Stop it at any time; running it again skips finished frames. Then train
with ``configs/fau/full_custom_f1.py`` (set its ``aus`` and ``data_root`` to
what this tool prints).
"""
import argparse

from converter_options import add_conversion_arguments, conversion_kwargs

from mmfau.datasets.converters import convert, read_manifest
from mmfau.utils import exit_on_user_error


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('manifest', help='the manifest CSV')
    parser.add_argument('--out', default='data/custom', help='output folder')
    add_conversion_arguments(parser, '<subject>/<image file name> or '
                             '<video file name>/<frame>', landmarks='dlib')
    args = parser.parse_args()
    sequences, report, subject_parts, aus = read_manifest(args.manifest)
    if args.subjects:
        sequences = [s for s in sequences if s.subject in args.subjects]
    convert('custom', sequences, aus, args.out, report=report,
            subject_parts=subject_parts, **conversion_kwargs(args))
    print(report.summary(aus))
    print(f'Every problem is listed with its path in {args.out}/report.txt')
    parts = sorted(set(subject_parts.values()))
    print('Subject parts: ' + ', '.join(
        f'{p}: {sorted(s for s, q in subject_parts.items() if q == p)}'
        for p in parts))
    print(f'For configs/fau/full_custom_f1.py: aus = {aus}; '
          f"data_root = '{args.out}'")


if __name__ == '__main__':
    exit_on_user_error(main)
