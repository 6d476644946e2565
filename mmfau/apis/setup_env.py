"""Registering mmfau's modules and setting the default scope."""
import datetime
import warnings

from mmengine import DefaultScope


def register_all_modules(init_default_scope: bool = True) -> None:
    """Import every mmfau module so that its registry entries exist.

    Args:
        init_default_scope (bool): Make ``mmfau`` the current default scope,
            so that configs without ``default_scope`` find mmfau's modules.
    """
    import mmfau.datasets  # noqa: F401,F811
    import mmfau.engine  # noqa: F401,F811
    import mmfau.evaluation  # noqa: F401,F811
    import mmfau.faces  # noqa: F401,F811
    import mmfau.models  # noqa: F401,F811
    import mmfau.visualization  # noqa: F401,F811

    if not init_default_scope:
        return
    current = DefaultScope.get_current_instance()
    if current is None or not DefaultScope.check_instance_created('mmfau'):
        DefaultScope.get_instance('mmfau', scope_name='mmfau')
    elif current.scope_name != 'mmfau':
        warnings.warn(f'The current default scope "{current.scope_name}" is '
                      'not "mmfau"; register_all_modules makes a new one.')
        name = f'mmfau-{datetime.datetime.now()}'
        DefaultScope.get_instance(name, scope_name='mmfau')
