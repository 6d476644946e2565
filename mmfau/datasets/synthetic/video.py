"""Synthetic videos: faces whose expressions rise and fall over time."""
from typing import Dict, List, Sequence

import cv2
import numpy as np

from mmfau.facs import ALL_AUS

from .au_sampler import sample_intensities
from .face_geometry import express, neutral_landmarks, sample_identity
from .imaging import sample_imaging
from .renderer import render_face


def expression_track(num_frames: int, rng: np.random.Generator,
                     aus: Sequence[int] = ALL_AUS,
                     episode: tuple = (16, 40)) -> List[Dict[int, float]]:
    """AU intensities per frame: episodes of one expression each, whose
    intensity rises and falls as a half sine."""
    track: List[Dict[int, float]] = []
    while len(track) < num_frames:
        length = int(rng.integers(*episode))
        peak = sample_intensities(rng, aus)
        envelope = np.sin(np.pi * (np.arange(length) + 0.5) / length)
        track += [{au: value * e
                   for au, value in peak.items()} for e in envelope]
    return track[:num_frames]


def write_synthetic_video(path: str,
                          num_frames: int = 90,
                          num_faces: int = 1,
                          face_size: int = 256,
                          fps: float = 15.0,
                          blank_frames: Sequence[int] = (),
                          seed: int = 0) -> dict:
    """Write a video of ``num_faces`` synthetic people side by side.

    Args:
        path (str): Output file (.avi: MJPG, .mp4: mp4v).
        num_frames (int): Frames to write.
        num_faces (int): People in each frame, each of its own identity.
        face_size (int): Side of each person's square.
        fps (float): Frames per second.
        blank_frames (Sequence[int]): Frames that show no face.
        seed (int): Seed of identities and expressions.

    Returns:
        dict: ``intensities``: per person, the AU intensities of each frame;
        ``landmarks``: per frame, the (68, 2) landmarks of each person
        shown, left to right.
    """
    rng = np.random.default_rng(seed)
    people = []
    for _ in range(num_faces):
        identity = sample_identity(rng)
        people.append((identity, neutral_landmarks(identity),
                       expression_track(num_frames, rng)))
    fourcc = cv2.VideoWriter_fourcc(*('mp4v' if path.endswith('.mp4') else
                                      'MJPG'))
    writer = cv2.VideoWriter(path, fourcc, fps,
                             (face_size * num_faces, face_size))
    if not writer.isOpened():
        raise OSError(f'{path}: OpenCV cannot write this video format.')
    pose = dict(angle=0.0, scale=0.95, shift=(0.0, 0.0))
    landmarks = []
    for t in range(num_frames):
        tiles = []
        landmarks.append([])
        for person, (identity, neutral, track) in enumerate(people):
            if t in blank_frames:
                tile = np.empty((face_size, face_size, 3), np.uint8)
                tile[:] = np.clip(identity['background'], 0,
                                  255).astype(np.uint8)
            else:
                frame_pose = dict(pose, angle=3 * np.sin(t / 9))
                camera = sample_imaging(
                    np.random.default_rng([seed, t, person]), degrade=False)
                tile, points = render_face(
                    express(neutral, track[t]), track[t], identity,
                    face_size, frame_pose, imaging=camera)
                landmarks[-1].append(points + [person * face_size, 0])
            tiles.append(tile)
        writer.write(np.hstack(tiles))
    writer.release()
    return dict(
        intensities=[track for _, _, track in people], landmarks=landmarks)
