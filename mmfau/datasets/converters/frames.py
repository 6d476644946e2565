"""Sequences of labelled frames and reading their images (as inference
reads them: :func:`mmfau.faces.read_image`)."""
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Set, Tuple

import cv2
import numpy as np

from mmfau.faces import read_image, to_bgr8


@dataclass
class LabelledSequence:
    """The labelled frames of one video (BP4D task, DISFA video).

    Attributes:
        subject (str): e.g. ``'F001'``.
        session (str): Task or video name, e.g. ``'T1'``.
        labels (dict[int, list[int]]): Frame number -> AU labels (values of
            :data:`mmfau.facs.LABEL_VALUES`), in the order of the
            converter's AU list.
        frame_files (dict[int, str]): Frame number -> image file, for
            sequences stored as images.
        video (str, optional): Video file, for sequences stored as a video.
        first_frame (int): The number of a video's first frame in
            ``labels`` (1 for DISFA, whose label line t is frame t; 0 for a
            manifest that counts frames as mmfau's inference CSV does).
        intensities (dict[int, list[int]]): Frame number -> AU intensities
            0-5 (:data:`mmfau.facs.UNKNOWN` where not coded), when the
            release codes them.
        key_prefix (str): Prefix of the key that names each frame for
            file-based landmarks (``<prefix>/<frame file or number>``).
    """
    subject: str
    session: str
    labels: Dict[int, List[int]]
    frame_files: Dict[int, str] = field(default_factory=dict)
    video: Optional[str] = None
    key_prefix: str = ''
    first_frame: int = 1
    intensities: Dict[int, List[int]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f'{self.subject}_{self.session}'

    def key(self, frame: int) -> str:
        """The frame's key, as a landmark file names it."""
        if self.video is None:
            file = self.frame_files[frame].replace('\\', '/')
            return f'{self.key_prefix}/{file.rsplit("/", 1)[-1]}'
        return f'{self.key_prefix}/{frame}'

    def read(self, wanted: Set[int]
             ) -> Iterator[Tuple[int, Optional[np.ndarray], str]]:
        """Yield (frame, BGR image or None, problem) for wanted frames, in
        frame order; problem is '' or says why there is no image."""
        if self.video is None:
            for frame in sorted(wanted):
                image = read_image(self.frame_files[frame])
                yield frame, image, '' if image is not None else \
                    f'unreadable image {self.frame_files[frame]}'
            return
        capture = cv2.VideoCapture(self.video)
        if not capture.isOpened():
            for frame in sorted(wanted):
                yield frame, None, f'unreadable video {self.video}'
            return
        remaining = sorted(wanted)
        count = 0
        try:
            while remaining and capture.grab():
                number = count + self.first_frame
                count += 1
                if number == remaining[0]:
                    ok, image = capture.retrieve()
                    remaining.pop(0)
                    yield number, to_bgr8(image, self.video) if ok else \
                        None, '' if ok else \
                        f'undecodable frame {number} of {self.video}'
        finally:
            capture.release()
        for frame in remaining:
            yield frame, None, (f'frame {frame} is past the end of '
                                f'{self.video} ({count} frames)')
