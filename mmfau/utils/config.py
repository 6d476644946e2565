"""Loading a config the way every mmfau tool does."""
from typing import Optional, Union

from mmengine.config import Config

from .setup_env import register_all_modules


def load_config(config: Union[str, Config],
                cfg_options: Optional[dict] = None) -> Config:
    """Register mmfau's modules, read a config and apply overrides.

    Args:
        config (str | Config): Config file or object.
        cfg_options (dict, optional): ``key.path=value`` overrides, as
            ``--cfg-options`` gives them.

    Returns:
        Config: The config.
    """
    register_all_modules()
    cfg = Config.fromfile(config) if isinstance(config, str) else config
    if cfg_options:
        cfg.merge_from_dict(cfg_options)
    return cfg
