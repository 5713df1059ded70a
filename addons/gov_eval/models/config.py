"""The module's number settings, kept as system parameters (gov.settings writes them)."""


def int_param(env, key, default, minimum=0):
    """The whole number in the system parameter ``key``; ``default`` when it is unset, not a number,
    or below ``minimum``."""
    try:
        value = int(env["ir.config_parameter"].sudo().get_param(key) or default)
    except (TypeError, ValueError):
        return default
    return value if value >= minimum else default


def float_param(env, key, default, minimum=0.0, maximum=None):
    """The decimal number in the system parameter ``key`` (a target in %); ``default`` when it is
    unset, not a number, or out of [minimum, maximum]."""
    try:
        value = float(env["ir.config_parameter"].sudo().get_param(key) or default)
    except (TypeError, ValueError):
        return default
    if value < minimum or (maximum is not None and value > maximum):
        return default
    return value
