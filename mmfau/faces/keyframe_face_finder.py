"""Following faces between detections in a video."""
import numpy as np

from .identity_tracker import appearance, box_iou


class KeyframeFaceFinder:
    """Detect faces every ``interval`` frames; in between, find landmarks in
    the previous frame's boxes, moved with the faces' landmarks (each box
    keeps the offset from its landmarks' centre that the detector gave it).
    Detect again early when a followed face is lost: its landmarks leave
    the box they were searched in, or what they cover no longer looks like
    the face of the frame before, or like the face the detector found (the
    person left, ducked away, the scene cut; a slow change passes the first
    test but not the second), since a landmark stage places 68 points in
    any box, face or not: a followed box left on a wall is dropped, never
    scored. When ``patience`` detections in a row found nobody, the next
    one comes ``interval`` frames later too (a brief miss is retried at
    once, a stretch without faces costs one detection in ``interval``
    frames).

    Args:
        detector (BaseLandmarkDetector): Faces and landmarks.
        interval (int): Frames between detections (1: every frame).
        min_iou (float): Overlap of the landmarks with their search box
            below which a face is lost.
        min_similarity (float): Appearance cosine with the previous frame,
            and with the face the detector found, below which a face is
            lost.
        patience (int): Empty detections in a row before detecting only
            every ``interval`` frames.
    """

    def __init__(self,
                 detector,
                 interval: int,
                 min_iou: float = 0.3,
                 min_similarity: float = 0.5,
                 patience: int = 3) -> None:
        self.detector = detector
        self.interval = interval
        self.min_iou = min_iou
        self.min_similarity = min_similarity
        self.patience = patience
        self.empty_detections = 0
        self.previous = []
        self.appearances = []
        self.detected_appearances = []
        self.offsets = []
        self.since_detection = 0

    def __call__(self, images, keys) -> list:
        if self.interval <= 1:
            return self.detector.detect(images, keys)
        found = []
        for image, key in zip(images, keys):
            faces, appearances = None, None
            if self.empty_detections >= self.patience and \
                    self.since_detection < self.interval:
                faces = []  # nobody for a while: wait for the next detection
            elif self.previous and self.since_detection < self.interval:
                boxes = [
                    self._follow(face, offset)
                    for face, offset in zip(self.previous, self.offsets)
                ]
                faces = self.detector.refine([image], [key], [boxes])[0]
                appearances = self._appearances_kept(faces, boxes, image)
                if appearances is None:
                    faces = None
            if faces is None:
                faces = self.detector.detect([image], [key])[0]
                self.empty_detections = 0 if faces else \
                    self.empty_detections + 1
                self.offsets = [
                    (face.box[:2] + face.box[2:]) / 2 - _centre(face)
                    for face in faces
                ]
                self.since_detection = 0
            self.since_detection += 1
            self.previous = faces
            self.appearances = appearances if appearances is not None else [
                appearance(image, f.landmarks) for f in faces
            ]
            if appearances is None:
                self.detected_appearances = self.appearances
            found.append(faces)
        return found

    @staticmethod
    def _follow(face, offset: np.ndarray) -> np.ndarray:
        """The face's box moved with its landmarks, with its detection
        score and its detector's keypoints moved alike: a face detector's
        row (x1, y1, x2, y2, score, keypoints; NaN where it gave none)."""
        centre = _centre(face) + offset
        half = (face.box[2:4] - face.box[:2]) / 2
        keypoints = np.full(10, np.nan) if face.keypoints is None else (
            face.keypoints + centre - (face.box[:2] + face.box[2:4]) / 2
        ).ravel()
        return np.concatenate(
            [centre - half, centre + half, [face.score], keypoints])

    def _appearances_kept(self, faces, boxes, image: np.ndarray):
        """The followed faces' appearances, or None when one is lost."""
        if len(faces) != len(boxes):
            return None
        appearances = []
        for face, box, previous, detected in zip(
                faces, boxes, self.appearances, self.detected_appearances):
            points = face.landmarks
            if not np.isfinite(points).all():
                return None
            spread = np.concatenate([points.min(0), points.max(0)])
            if box_iou(spread, box[:4])[0, 0] < self.min_iou:
                return None
            appearances.append(appearance(image, points))
            if min(float(appearances[-1] @ previous),
                   float(appearances[-1] @ detected)) < self.min_similarity:
                return None
        return appearances


def _centre(face) -> np.ndarray:
    """Centre of a face's landmark bounding box."""
    return (face.landmarks.min(0) + face.landmarks.max(0)) / 2
