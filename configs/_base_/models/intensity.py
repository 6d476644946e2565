# Per-AU intensity regressors (0-5) for FACSRuleHead, the classifiers' size.
intensity_regressor = dict(type='PerTokenMLP', hidden_dims=(256, 128))
