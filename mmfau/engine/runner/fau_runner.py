"""MMEngine's Runner with checkpoints that a kill cannot corrupt."""
import os
import os.path as osp

from mmengine.runner import Runner

from mmfau.registry import RUNNERS


@RUNNERS.register_module()
class FAURunner(Runner):
    """A :class:`mmengine.runner.Runner` that

    - writes each checkpoint to a ``.part`` file and renames it into place,
      so a process killed while saving leaves the previous checkpoints (and
      the ``last_checkpoint`` pointer, written after the rename) intact for
      ``--resume``;
    - loads ``load_from`` and resumed checkpoints strictly: a checkpoint of
      another model stops with an error naming it, instead of a warning and
      a partly random model. (To start from part of another model, use the
      model's ``init_cfg=dict(type='Pretrained', ...)``.)

    Selected in configs with ``runner_type = 'FAURunner'``.
    """

    def load_checkpoint(self, filename: str, map_location='cpu',
                        strict: bool = True, revise_keys=[(r'^module.',
                                                           '')]):
        try:
            return super().load_checkpoint(filename, map_location, strict,
                                           revise_keys)
        except RuntimeError as err:
            raise ValueError(
                f'Checkpoint {filename} does not match the model of '
                f'{self.cfg.filename or "this config"}: '
                f'{str(err).strip()[:2000]}') from err

    def save_checkpoint(self, out_dir: str, filename: str, *args,
                        **kwargs) -> None:
        partial = f'{filename}.part'
        super().save_checkpoint(out_dir, partial, *args, **kwargs)
        if self.rank == 0:
            os.replace(osp.join(out_dir, partial), osp.join(out_dir,
                                                            filename))
