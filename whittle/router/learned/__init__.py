"""The learned router that users run: local text features, a difficulty model, and
`whittle router fit`, which trains it on the user's own ledger and feedback.

features.py    cheap local text features of a request (no model, no network)
difficulty.py  the logistic difficulty model: fit (scikit-learn), save/load (.npz), score (numpy)
trees.py       boosted trees over the dense signals: fit (scikit-learn), save/load (.npz), walked in numpy
fit.py         `whittle router fit`: labels from the ledger, the model kind chosen by cross-validation,
               thresholds for a target share/quality

How well it routes is measured outside the product, by bench/route.py.
"""
