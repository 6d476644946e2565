"""Every kind of input becomes 8-bit BGR frames; unreadable ones are named."""
import os.path as osp

import cv2
import numpy as np
import pytest
from PIL import Image

from mmfau.faces import iterate_frames, read_image, to_bgr8


def _colour_image():
    image = np.zeros((20, 30, 3), np.uint8)
    image[:5, :10] = (255, 0, 0)  # a blue block, top left (BGR)
    return image


def test_grayscale_rgba_16bit_and_float_become_bgr8():
    gray = np.full((4, 5), 100, np.uint8)
    assert to_bgr8(gray).shape == (4, 5, 3)
    assert (to_bgr8(gray) == 100).all()
    rgba = np.zeros((2, 2, 4), np.uint8)
    rgba[0, 0] = (0, 0, 200, 255)  # opaque red
    rgba[1, 1] = (0, 0, 200, 0)  # transparent: shows the white behind
    out = to_bgr8(rgba)
    assert out[0, 0].tolist() == [0, 0, 200]
    assert out[1, 1].tolist() == [255, 255, 255]
    deep = np.full((2, 2, 3), 65535, np.uint16)
    assert (to_bgr8(deep) == 255).all()
    assert (to_bgr8(np.full((2, 2), 0.5, np.float32)) == 128).all()
    with pytest.raises(ValueError, match='2 channels'):
        to_bgr8(np.zeros((2, 2, 2), np.uint8), 'x.png')


def test_image_files_of_every_depth_and_an_exif_rotation(tmp_path):
    image = _colour_image()
    cv2.imwrite(str(tmp_path / 'gray.png'), image[..., 0])
    cv2.imwrite(str(tmp_path / 'deep.png'), image.astype(np.uint16) * 257)
    cv2.imwrite(str(tmp_path / 'alpha.png'),
                np.dstack([image, np.full((20, 30), 255, np.uint8)]))
    assert read_image(str(tmp_path / 'gray.png')).shape == (20, 30, 3)
    np.testing.assert_array_equal(read_image(str(tmp_path / 'deep.png')),
                                  image)
    np.testing.assert_array_equal(read_image(str(tmp_path / 'alpha.png')),
                                  image)
    # a camera held on its side: stored landscape, EXIF says rotate 90 cw
    rotated = Image.fromarray(image[..., ::-1])
    exif = rotated.getexif()
    exif[0x0112] = 6
    rotated.save(tmp_path / 'side.jpg', exif=exif, quality=100)
    upright = read_image(str(tmp_path / 'side.jpg'))
    assert upright.shape == (30, 20, 3)
    assert upright[:10, -5:, 0].mean() > 200  # the block is now top right


def test_videos_are_opened_whatever_their_name(tmp_path):
    written = tmp_path / 'clip.avi'
    writer = cv2.VideoWriter(str(written), cv2.VideoWriter_fourcc(*'MJPG'),
                             25, (32, 24))
    for _ in range(3):
        writer.write(np.full((24, 32, 3), 90, np.uint8))
    writer.release()
    path = written.rename(tmp_path / 'clip')  # no extension
    frames = list(iterate_frames(str(path)))
    assert [(f.kind, f.frame) for f in frames] == [('video', 0), ('video', 1),
                                                  ('video', 2)]
    assert frames[1].time == pytest.approx(1 / 25)
    assert frames[2].key == 'clip/2' and frames[0].input == str(path)


def test_folders_and_globs_are_photos_or_on_request_sequences(tmp_path):
    for index in (2, 0, 1):
        cv2.imwrite(str(tmp_path / f'f{index}.png'), _colour_image())
    (tmp_path / 'notes.txt').write_text('not a frame')
    (tmp_path / 'sub').mkdir()
    with pytest.warns(UserWarning, match='skipping 2 entries that are not '
                      'images: notes.txt, sub'):
        photos = list(iterate_frames(str(tmp_path)))
    # each photo is its own input, its faces numbered within it
    assert [(osp.basename(f.input), f.kind, f.frame) for f in photos] == [
        ('f0.png', 'image', 0), ('f1.png', 'image', 0),
        ('f2.png', 'image', 0)]
    frames = list(iterate_frames(str(tmp_path), sequence=True))
    assert [f.key for f in frames] == ['f0.png', 'f1.png', 'f2.png']
    assert {f.kind for f in frames} == {'sequence'} and frames[2].tracked
    assert {f.input for f in frames} == {str(tmp_path)}
    pattern = str(tmp_path / 'f[12].png')
    assert [f.key for f in iterate_frames(pattern, sequence=True)] == [
        'f1.png', 'f2.png']
    # a glob over everything: the text file is one unreadable row
    marked = list(iterate_frames(str(tmp_path / '*'), mark_unreadable=True))
    assert [(osp.basename(f.input), f.status) for f in marked] == [
        ('f0.png', 'ok'), ('f1.png', 'ok'), ('f2.png', 'ok'),
        ('notes.txt', 'unreadable')]
    photos = list(iterate_frames([str(tmp_path / 'f0.png'), _colour_image()]))
    assert [(f.kind, f.tracked) for f in photos] == [('image', False)] * 2
    assert photos[1].input == 'array:1'


def test_unreadable_inputs_name_the_file_and_what_was_tried(tmp_path):
    broken = tmp_path / 'broken.mp4'
    broken.write_bytes(b'no video here')
    with pytest.raises(ValueError, match='broken.mp4: not readable: OpenCV '
                       r'decodes it neither as an image \(cv2.imread\) nor '
                       r'as a video \(cv2.VideoCapture\)'):
        list(iterate_frames(str(broken)))
    with pytest.raises(FileNotFoundError, match='missing.jpg: no such'):
        list(iterate_frames(str(tmp_path / 'missing.jpg')))
    with pytest.raises(FileNotFoundError, match='matches no file'):
        list(iterate_frames(str(tmp_path / '*.jpg')))
    empty = tmp_path / 'empty'
    empty.mkdir()
    with pytest.raises(FileNotFoundError, match='holds none'):
        list(iterate_frames(str(empty)))


def test_a_truncated_jpeg_is_named_not_half_read(tmp_path):
    whole = tmp_path / 'whole.jpg'
    noise = np.random.default_rng(0).integers(0, 255, (200, 300, 3))
    cv2.imwrite(str(whole), noise.astype(np.uint8))
    data = whole.read_bytes()
    cut = tmp_path / 'cut.jpg'
    cut.write_bytes(data[:len(data) * 2 // 3])
    assert list(iterate_frames(str(whole)))[0].status == 'ok'
    frame, = iterate_frames(str(cut), mark_unreadable=True)
    assert frame.status == 'truncated' and frame.image is None
    assert frame.message.startswith(f'{cut}: the JPEG file is truncated')
    with pytest.raises(ValueError, match='the JPEG file is truncated'):
        list(iterate_frames(str(cut)))


def test_every_input_is_checked_before_the_first_frame(tmp_path):
    """A missing path, a link loop, a link to nothing and a folder without
    images are each an input of their own, in place; the others are read."""
    photos = tmp_path / 'photos'
    photos.mkdir()
    cv2.imwrite(str(photos / 'a.png'), _colour_image())
    (photos / 'loop.jpg').symlink_to('loop.jpg')
    (photos / 'gone.jpg').symlink_to(tmp_path / 'nowhere.jpg')
    empty = tmp_path / 'empty'
    empty.mkdir()
    inputs = [str(tmp_path / 'missing.jpg'), str(photos), str(empty)]
    frames = list(iterate_frames(inputs, mark_unreadable=True))
    assert [(osp.basename(f.input), f.status) for f in frames] == [
        ('missing.jpg', 'missing'), ('a.png', 'ok'),
        ('gone.jpg', 'missing'), ('loop.jpg', 'link_loop'),
        ('empty', 'missing')]
    assert frames[3].message == (f'{photos / "loop.jpg"}: a symbolic link '
                                 'loop (the link leads back to itself); not '
                                 'read.')
    assert 'a link to nothing' in frames[2].message
    assert 'holds none' in frames[4].message
    # as one sequence, the loop is a frame of its own, in place
    sequence = list(iterate_frames(str(photos), mark_unreadable=True,
                                   sequence=True))
    assert [(f.key, f.status) for f in sequence] == [
        ('a.png', 'ok'), ('gone.jpg', 'missing'), ('loop.jpg', 'link_loop')]


def test_an_animated_image_is_read_whole_and_an_empty_video_said_so(
        tmp_path):
    frames = [Image.fromarray(np.full((40, 40, 3), 50 * i, np.uint8))
              for i in range(4)]
    gif = tmp_path / 'nod.gif'
    frames[0].save(gif, save_all=True, append_images=frames[1:],
                   duration=[100, 250, 100, 100], loop=0)
    still = tmp_path / 'still.gif'
    frames[2].save(still)
    read = list(iterate_frames(str(tmp_path)))  # a folder of photos
    assert [(osp.basename(f.input), f.kind, f.frame) for f in read] == [
        ('nod.gif', 'video', t) for t in range(4)] + [
        ('still.gif', 'image', 0)]
    assert [round(f.time, 2) for f in read[:4]] == [0.0, 0.1, 0.35, 0.45]
    assert [int(f.image.mean()) for f in read] == [0, 50, 100, 150, 100]
    assert [f.key for f in read[:2]] == ['nod.gif/0', 'nod.gif/1']
    empty = tmp_path / 'empty.avi'
    cv2.VideoWriter(str(empty), cv2.VideoWriter_fourcc(*'MJPG'), 25,
                    (64, 64)).release()
    frame, = iterate_frames(str(empty), mark_unreadable=True)
    assert frame.status == 'empty' and frame.image is None
    assert frame.message == f'{empty}: a video with no frame; nothing read.'
