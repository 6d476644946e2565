"""Tiny copies of the BP4D and DISFA releases, in their official layouts,
with synthetic faces as frames and their exact landmarks in a file."""
import json
import os
import os.path as osp

import cv2

from mmfau.datasets import SyntheticFaceDataset

BP4D_HEADER = [0] + list(range(1, 28))  # frame column, then AU columns


def _faces(count, seed):
    dataset = SyntheticFaceDataset(
        parts=('P1', 'P2', 'P3'), num_subjects=3, frames_per_subject=count,
        image_size=160, seed=seed)
    return [dataset.get_data_info(i) for i in range(len(dataset))]


def make_bp4d(root):
    """Three subjects (one per part), frames with three zero-paddings.

    Returns:
        dict: What the tests check: the landmark file, the frame without a
        face, the label row without a frame, the frame without labels.
    """
    faces = iter(_faces(4, seed=3))
    landmarks = {}
    layout = [('F001', 'T1', '{:04d}'), ('F003', 'T2', '{:03d}'),
              ('F004', 'T8', '{}')]
    for subject, task, pattern in layout:
        rows = []
        folder = osp.join(root, '2D+3D', subject, task)
        os.makedirs(folder)
        for frame in (10, 11, 12):
            info = next(faces)
            name = pattern.format(frame) + '.jpg'
            cv2.imwrite(osp.join(folder, name), info['img'])
            landmarks[f'{subject}/{task}/{name}'] = info['landmarks'].tolist()
            row = {au: 0 for au in BP4D_HEADER[1:]}
            for au in info['intensities']:
                row[au] = 1
            rows.append([frame] + [row[au] for au in BP4D_HEADER[1:]])
        if subject == 'F001':
            rows[1][BP4D_HEADER.index(2)] = 9  # AU2 not coded in frame 11
            rows.append([13] + [0] * 27)  # labelled, but no frame file
        if subject == 'F003':
            info = next(faces)  # a frame without a label row
            cv2.imwrite(osp.join(folder, '099.jpg'), info['img'])
        label_dir = osp.join(root, 'AUCoding', 'AU_OCC')
        os.makedirs(label_dir, exist_ok=True)
        with open(osp.join(label_dir, f'{subject}_{task}.csv'), 'w') as f:
            f.write(','.join(map(str, BP4D_HEADER)) + '\n')
            f.writelines(','.join(map(str, r)) + '\n' for r in rows)
    landmarks['F004/T8/12.jpg'] = None  # the detector found no face here
    path = osp.join(root, 'landmarks.json')
    with open(path, 'w') as f:
        json.dump(landmarks, f)
    return dict(
        landmark_file=path,
        no_face='F004/T8/12.jpg',
        unknown=('F001', 11, 2),
        missing_frame=osp.join(root, 'AUCoding', 'AU_OCC', 'F001_T1.csv'),
        unlabelled=osp.join(root, '2D+3D', 'F003', 'T2'))


def make_disfa(root, frames=4):
    """Three subjects (one per part), a short MJPG video each, the per-AU
    intensity files of the release."""
    landmarks = {}
    faces = iter(_faces(frames, seed=4))
    intensities = {}
    os.makedirs(osp.join(root, 'Videos_LeftCamera'))
    for subject in ('SN001', 'SN006', 'SN003'):
        video = osp.join(root, 'Videos_LeftCamera',
                         f'LeftVideo{subject}_comp.avi')
        writer = cv2.VideoWriter(video, cv2.VideoWriter_fourcc(*'MJPG'), 20,
                                 (160, 160))
        label_dir = osp.join(root, 'ActionUnit_Labels', subject)
        os.makedirs(label_dir)
        lines = {au: [] for au in (1, 2, 4, 5, 6, 9, 12, 15, 17, 20, 25, 26)}
        for t in range(1, frames + 1):
            info = next(faces)
            writer.write(info['img'])
            landmarks[f'LeftVideo{subject}_comp/{t}'] = \
                info['landmarks'].tolist()
            for au in lines:
                present = au in info['intensities']
                # intensity 1 (trace) is absent, 2 and more present
                value = 3 if present else (1 if t % 2 else 0)
                lines[au].append(f'{t},{value}')
                intensities[(subject, t, au)] = value
        writer.release()
        for au, rows in lines.items():
            with open(osp.join(label_dir, f'{subject}_au{au}.txt'), 'w') as f:
                f.write('\n'.join(rows) + '\n')
    path = osp.join(root, 'landmarks.json')
    with open(path, 'w') as f:
        json.dump(landmarks, f)
    return dict(landmark_file=path, intensities=intensities)
