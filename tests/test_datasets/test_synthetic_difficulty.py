"""Each difficulty factor of the synthetic faces can be switched off alone
and changes the images and labels only where its real counterpart would."""
import numpy as np
import pytest

from mmfau.datasets import SyntheticFaceDataset
from mmfau.datasets.synthetic import apply_imaging, face_to_pixels
from mmfau.datasets.synthetic.base_rates import BP4D_PRESENCE_RATES
from mmfau.datasets.synthetic.canvas import pose_matrix
from mmfau.datasets.synthetic.difficulty import SyntheticDifficulty

SIZE = 128
#: The reference: every factor on but the camera, whose blur, noise and
#: JPEG blocks would spread any local change over the image.
CLEAN_CAMERA = dict(imaging=False)


def _dataset(**switches):
    return SyntheticFaceDataset(
        parts=('P1', 'P2', 'P3'), num_subjects=3, frames_per_subject=30,
        image_size=SIZE, seed=3, difficulty=dict(CLEAN_CAMERA, **switches))


def _frames(dataset, indices=range(0, 90, 3)):
    return [dataset.get_data_info(i) for i in indices]


def _changed(a, b):
    return np.abs(a['img'].astype(int) - b['img'].astype(int)).max(axis=2) > 0


def test_switches_are_checked():
    with pytest.raises(ValueError, match=r"\['glare'\].*known"):
        SyntheticDifficulty.build(dict(glare=True))
    with pytest.raises(ValueError, match='coder_disagreement'):
        SyntheticDifficulty.build(dict(coder_disagreement=2))
    assert not any(v for v in SyntheticDifficulty.none().to_dict().values())


def test_resting_marks_change_only_the_face():
    # upright heads: aligning a turned head would move every landmark
    on = _frames(_dataset(head_pose=False))
    off = _frames(_dataset(head_pose=False, resting_marks=False))
    changed_any = False
    for a, b in zip(on, off):
        np.testing.assert_array_equal(a['au_labels'], b['au_labels'])
        # brows and lip corners rest elsewhere; the rest of the face stays
        moved = np.abs(a['landmarks'] - b['landmarks']).max(axis=1) > 1e-3
        assert set(np.flatnonzero(moved)) <= set(range(17, 27)) | {
            48, 54, 60, 64}
        changed = _changed(a, b)
        changed_any |= changed.any()
        # every change lies on the face: back in the upright face frame,
        # between the jaw's sides, from the forehead (up to a quarter of
        # the head above the brows) to the chin
        matrix = pose_matrix(SIZE, a['pose'])
        ys, xs = np.nonzero(changed)
        pixels = np.stack([xs, ys], axis=1) + 0.5
        face = (pixels - matrix[:, 2]) @ np.linalg.inv(matrix[:, :2]).T
        x1, x2 = a['face'][:17, 0].min(), a['face'][:17, 0].max()
        top = min(a['face'][17:27, 1].min(), b['face'][17:27, 1].min())
        margin = 2 / (SIZE * a['pose']['scale'])  # anti-aliased edges
        assert (face[:, 0] >= x1 - margin).all()
        assert (face[:, 0] <= x2 + margin).all()
        assert (face[:, 1] >= top - 0.25).all()
        assert (face[:, 1] <= a['face'][8, 1] + margin).all()
    assert changed_any


def test_occluders_cover_their_parts_of_the_face_only():
    dataset = _dataset()
    off = _dataset(occlusion=False)
    seen = set()
    for i in range(len(dataset)):
        a = dataset.get_data_info(i)
        if not a['occluders']:
            continue
        b = off.get_data_info(i)
        np.testing.assert_array_equal(a['landmarks'], b['landmarks'])
        np.testing.assert_array_equal(a['au_labels'], b['au_labels'])
        kinds = {o['kind'] for o in a['occluders']}
        seen |= kinds
        pts = a['landmarks']
        ys, xs = np.nonzero(_changed(a, b))
        brow_low = pts[17:27, 1].max()
        allowed = np.zeros(len(ys), bool)
        if 'fringe' in kinds:  # hair falls over the forehead
            allowed |= ys <= brow_low + 2
        if 'glasses' in kinds:  # frames around the eyes, arms to the ears
            allowed |= (ys >= pts[17:27, 1].min() - 6) & (
                ys <= pts[29, 1] + 4)
        if kinds & {'hand', 'microphone'}:  # on or before the lower face
            allowed |= ys >= pts[29, 1]
        assert allowed.all(), (kinds, i)
    assert {'glasses', 'hand'} <= seen


def test_head_turns_foreshorten_the_far_side():
    on = _dataset()
    off = _dataset(head_pose=False)
    turned = 0
    for i in range(len(on)):
        a, b = on.get_data_info(i), off.get_data_info(i)
        np.testing.assert_array_equal(a['au_labels'], b['au_labels'])
        yaw = a['pose']['yaw']
        if abs(yaw) < 15:
            continue
        turned += 1

        def eye_widths(pts):
            return (np.linalg.norm(pts[39] - pts[36]),
                    np.linalg.norm(pts[45] - pts[42]))

        right, left = eye_widths(a['landmarks'])
        flat_right, flat_left = eye_widths(b['landmarks'])
        # the nose turns towards +x for positive yaw: the side it turns to
        # (the left eye, at larger x) moves to the silhouette and narrows
        ratio = (right / left) / (flat_right / flat_left)
        assert (ratio > 1.03) if yaw > 0 else (ratio < 0.97), (yaw, ratio)
        # the nose tip leads the turn
        eyes_mid = (a['landmarks'][36:48].mean(axis=0))[0]
        assert np.sign(a['landmarks'][30, 0] - eyes_mid) == np.sign(yaw)
        # and the drawn face still fills the aligned crop
        assert (a['landmarks'] > 0).all() and (a['landmarks'] < SIZE).all()
    assert turned > 3


def test_turned_landmarks_are_the_projection_of_the_face():
    dataset = _dataset()
    info = dataset.get_data_info(7)
    np.testing.assert_allclose(
        info['landmarks'], face_to_pixels(info['face'], SIZE, info['pose']))


def test_camera_changes_pixels_not_faces_or_labels():
    on = _dataset(imaging=True)
    off = _dataset()
    a, b = on.get_data_info(4), off.get_data_info(4)
    np.testing.assert_array_equal(a['landmarks'], b['landmarks'])
    np.testing.assert_array_equal(a['au_labels'], b['au_labels'])
    assert _changed(a, b).mean() > 0.5


#: A camera that changes nothing; each test switches one effect on.
PLAIN_CAMERA = dict(light=(0.0, 0.0), exposure=1.0, motion=None,
                    defocus=None, noise=0.0, jpeg=None, downscale=None,
                    seed=0)


def _sharpness(img):
    grey = img.astype(np.float32).mean(axis=2)
    return np.abs(np.diff(grey, axis=1)).mean()


@pytest.mark.parametrize('effect, value', [
    ('motion', (0.05, 30.0)), ('defocus', 0.012), ('downscale', 3.0)])
def test_each_blur_softens_the_image(effect, value):
    img = _dataset().get_data_info(0)['img']
    blurred = apply_imaging(img, dict(PLAIN_CAMERA, **{effect: value}))
    assert _sharpness(blurred) < 0.8 * _sharpness(
        apply_imaging(img, PLAIN_CAMERA))


def test_noise_jpeg_and_light_do_what_they_say():
    img = np.full((64, 64, 3), 128, np.uint8)
    np.testing.assert_array_equal(apply_imaging(img, PLAIN_CAMERA), img)
    noisy = apply_imaging(img, dict(PLAIN_CAMERA, noise=8.0)).astype(float)
    assert abs(noisy.std() - 8.0) < 0.5
    # JPEG: the noise loses detail, the mean stays
    packed = apply_imaging(img, dict(PLAIN_CAMERA, noise=8.0, jpeg=20))
    assert packed.astype(float).std() < noisy.std()
    assert abs(packed.mean() - 128) < 2
    # light from the right (0 degrees) brightens the right half
    lit = apply_imaging(img, dict(PLAIN_CAMERA, light=(0.0, 0.3)))
    assert lit[:, 48:].mean() > 140 > 116 > lit[:, :16].mean()


def test_coders_disagree_at_faint_levels_only():
    exact = _dataset(coder_disagreement=0.0)
    noisy = _dataset(coder_disagreement=0.3)
    np.testing.assert_array_equal(
        exact.get_data_info(5)['img'], noisy.get_data_info(5)['img'])
    true = np.stack([exact.get_data_info(i)['au_intensities']
                     for i in range(len(exact))])
    coded = np.stack([noisy.get_data_info(i)['au_intensities']
                      for i in range(len(noisy))])
    assert (np.abs(coded - true) <= 1).all()
    assert ((coded != true) & (true == 0)).sum() == 0
    flipped = (coded >= 2) != (true >= 2)
    assert flipped.any()
    # presence flips only between trace (A) and slight (B)
    assert set(true[flipped].tolist()) <= {1, 2}
    faint = np.isin(true, (1, 2))
    strong = true >= 3
    assert (coded != true)[faint].mean() > 2 * (coded != true)[strong].mean()


def test_rates_of_presence_follow_bp4d():
    dataset = SyntheticFaceDataset(parts=('P1', 'P2', 'P3'), num_subjects=18,
                                   frames_per_subject=100)
    rates = dataset.get_label_matrix().mean(axis=0)
    expected = np.array([BP4D_PRESENCE_RATES[a] for a in dataset.aus])
    assert np.abs(rates - expected).max() < 0.05, rates.round(2)
    own = SyntheticFaceDataset(parts=('P1', 'P2', 'P3'), num_subjects=18,
                               frames_per_subject=100,
                               difficulty=dict(base_rates=False))
    assert np.abs(own.get_label_matrix().mean(axis=0) -
                  expected).max() > 0.2
