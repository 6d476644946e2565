"""Loading a config the way every mmfau tool does."""
import ast
import os
import os.path as osp
import sys
from typing import Any, Optional, Tuple, Union

from mmengine.config import Config

_MISSING = object()


def _lookup(cfg: Config, key: str) -> Any:
    """The value at a dotted ``--cfg-options`` key; ``_MISSING`` if none."""
    node: Any = cfg
    for part in key.split('.'):
        if isinstance(node, (list, tuple)) and part.isdigit() and \
                int(part) < len(node):
            node = node[int(part)]
        elif hasattr(node, 'get') and part in node:
            node = node[part]
        else:
            return _MISSING
    return node


def check_option_types(cfg: Config, cfg_options: dict) -> None:
    """Refuse an override whose value cannot stand where a number or a
    switch stood, naming the option (e.g. ``num_layers=abc``).

    Args:
        cfg (Config): The config before the overrides.
        cfg_options (dict): ``key.path -> value``, as ``--cfg-options``
            gives them.
    """
    for key, value in cfg_options.items():
        old = _lookup(cfg, key)
        if old is _MISSING or old is None or value is None:
            continue
        numeric = (int, float)
        if isinstance(old, bool) and not isinstance(value, bool):
            expected = 'True or False'
        elif isinstance(old, numeric) and not isinstance(old, bool) and (
                not isinstance(value, numeric) or isinstance(value, bool)):
            expected = 'a number'
        else:
            continue
        raise ValueError(f'--cfg-options {key}={value}: expected {expected} '
                         f'(the config has {old!r}).')


def read_config_file(path: str) -> Config:
    """``Config.fromfile`` with a config's syntax error as a one-line
    ``ValueError`` naming the file and line.

    The modules a config names in ``custom_imports`` (e.g.
    ``projects.decoder_study.decoder_study``) are imported from the folder
    the command runs in, as ``python -m`` would find them.
    """
    if os.getcwd() not in sys.path:
        sys.path.append(os.getcwd())
    try:
        return Config.fromfile(path)
    except SyntaxError as err:
        source, error = _syntax_error(path) or (path, err)
        where = f'{source}:{error.lineno}' if error.lineno else source
        raise ValueError(f'{where}: syntax error in the config: '
                         f'{error.msg or error}') from err


def _syntax_error(path: str) -> Optional[Tuple[str, SyntaxError]]:
    """The file among a config and its ``_base_`` files (depth first) that
    does not parse, and its error; None if all parse."""
    try:
        with open(path) as f:
            tree = ast.parse(f.read(), filename=path)
    except SyntaxError as err:
        return path, err
    except OSError:
        return None
    for node in tree.body:
        targets = getattr(node, 'targets', [])
        if any(getattr(t, 'id', None) == '_base_' for t in targets):
            try:
                bases = ast.literal_eval(node.value)
            except ValueError:
                return None
            for base in [bases] if isinstance(bases, str) else bases:
                found = _syntax_error(
                    osp.normpath(osp.join(osp.dirname(path), base)))
                if found:
                    return found
    return None


def load_config(config: Union[str, Config],
                cfg_options: Optional[dict] = None) -> Config:
    """Read a config and apply overrides. (Building what it names needs
    mmfau's modules registered: :func:`mmfau.apis.register_all_modules`.)

    Args:
        config (str | Config): Config file or object.
        cfg_options (dict, optional): ``key.path=value`` overrides, as
            ``--cfg-options`` gives them; a value that cannot replace a
            number or a switch is refused.

    Returns:
        Config: The config.
    """
    cfg = read_config_file(config) if isinstance(config, str) else config
    if cfg_options:
        check_option_types(cfg, cfg_options)
        cfg.merge_from_dict(cfg_options)
    return cfg
