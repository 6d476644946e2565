"""FaceIdentityTracker: joint assignment, motion and appearance, missed
frames."""
import numpy as np

from mmfau.faces import FaceIdentityTracker


def _landmarks(box):
    """68 points spread over a box (only their extent matters here)."""
    x1, y1, x2, y2 = box
    grid = np.stack(np.meshgrid(np.linspace(x1, x2, 17),
                                np.linspace(y1, y2, 4)), -1).reshape(-1, 2)
    return grid[:68]


def _frame(boxes, patterns):
    """A frame with a textured patch (one pattern per person) per box."""
    image = np.full((200, 400, 3), 128, np.uint8)
    for (x1, y1, x2, y2), pattern in zip(boxes, patterns):
        patch = np.kron(pattern, np.ones((8, 8)))[:y2 - y1, :x2 - x1]
        image[y1:y2, x1:x2] = patch[..., None]
    return image


def _ids_per_person(tracker, frames, seed):
    """Run the tracker over frames, each a list of (person, (x, y)) of
    60-pixel faces; the ids each person got."""
    rng = np.random.default_rng(seed)
    patterns = [rng.integers(0, 255, (8, 8)) for _ in range(2)]
    seen = {0: set(), 1: set()}
    for people in frames:
        boxes = [(x, y, x + 60, y + 60) for _, (x, y) in people]
        image = _frame(boxes, [patterns[p] for p, _ in people])
        ids = tracker.update([np.array(b, float) for b in boxes],
                             [_landmarks(b) for b in boxes], image)
        for (person, _), face_id in zip(people, ids):
            seen[person].add(face_id)
    return seen


def test_crossing_fast_moving_and_missed_faces_keep_their_ids():
    frames = []
    for t in range(20):
        a = (10 + 12 * t + (40 if t >= 12 else 0), 20)  # jumps at t=12
        b = (330 - 12 * t, 60)  # crosses a, partly overlapping it
        # b is missed in two frames
        frames.append([(0, a)] if t in (8, 9) else [(0, a), (1, b)])
    assert _ids_per_person(FaceIdentityTracker(max_lost=3), frames, 0) == {
        0: {0}, 1: {1}}


def test_a_track_ends_after_max_lost_frames():
    tracker = FaceIdentityTracker(max_lost=2)
    box = np.array([10., 10., 50., 50.])
    assert tracker.update([box], [_landmarks(box)]) == [0]
    for _ in range(3):
        assert tracker.update([], []) == []
    assert tracker.update([box], [_landmarks(box)]) == [1]


def test_appearance_matches_the_area_averaged_thumbnail():
    import cv2
    from skimage import data

    from mmfau.faces.identity_tracker import appearance
    image = np.ascontiguousarray(data.astronaut()[..., ::-1])  # a real face
    points = np.array([[170.0, 20.0], [290.0, 190.0]])  # her face's extent
    grey = cv2.cvtColor(image[20:190, 170:290], cv2.COLOR_BGR2GRAY)
    reference = cv2.resize(grey, (16, 16), interpolation=cv2.INTER_AREA)
    reference = reference.astype(np.float32).ravel()
    reference -= reference.mean()
    reference /= np.linalg.norm(reference)
    look = appearance(image, points)
    assert look.shape == (256, )
    assert abs(np.linalg.norm(look) - 1) < 1e-5
    assert float(look @ reference) > 0.995


def test_a_person_who_stops_while_unseen_keeps_the_id():
    """Ducking: moving fast downwards, then 20 frames unseen, then back
    where last seen; meanwhile another person stays."""
    frames = []
    for t in range(40):
        people = [(0, (300, 20))]
        if t < 8 or t >= 28:
            people.append((1, (60, 20 + 10 * min(t, 8))))
        frames.append(people)
    assert _ids_per_person(FaceIdentityTracker(), frames, 1) == {
        0: {0}, 1: {1}}


def test_partial_views_touch_the_frame_or_another_face():
    from mmfau.faces.identity_tracker import partial_views
    boxes = np.array([[0., 50., 60., 110.],     # at the left edge
                      [200., 50., 260., 110.],  # alone
                      [300., 50., 360., 110.],  # next to the one after
                      [362., 60., 420., 120.]])
    assert partial_views(boxes, (200, 640)).tolist() == [True, False, True,
                                                         True]
    assert partial_views(boxes).tolist() == [False, False, True, True]
