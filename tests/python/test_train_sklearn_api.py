"""scikit-learn's model-selection tools on the engine-trained estimators (emflow.train), as they
are: clone, cross_val_score and GridSearchCV give the same scores and best parameters serially,
with joblib's process pool (n_jobs=2) and on a Dask LocalCluster of two worker processes through
joblib's dask backend. Every fit is a real `emflow train` run of the native CLI."""

import os

import numpy as np
import pytest
from sklearn import datasets
from sklearn.base import clone, is_classifier, is_regressor
from sklearn.model_selection import GridSearchCV, cross_val_score

from emflow import train as engine

from conftest import ROOT

ESTIMATORS = [
    engine.DecisionTreeClassifier(max_depth=3, random_state=1),
    engine.RandomForestClassifier(n_estimators=5, max_depth=4, random_state=2),
    engine.ExtraTreesClassifier(n_estimators=5, random_state=3),
    engine.GaussianNB(var_smoothing=1e-8),
    engine.DecisionTreeRegressor(min_samples_leaf=3, random_state=4),
    engine.RandomForestRegressor(n_estimators=4, random_state=5),
    engine.ExtraTreesRegressor(n_estimators=4, max_features=0.5, random_state=6),
]


@pytest.fixture(scope="module", autouse=True)
def cli_backend(emflow_cli):
    # Worker processes (joblib's and Dask's) find the package and the CLI through the
    # environment they inherit, not through this process's sys.path or default backend.
    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", "EMFLOW_CLI")}
    paths = [os.path.join(ROOT, "python")] + [p for p in [saved["PYTHONPATH"]] if p]
    os.environ["PYTHONPATH"] = os.pathsep.join(paths)
    os.environ["EMFLOW_CLI"] = emflow_cli
    engine.set_default_backend(engine.CliBackend(emflow_cli))
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _data(estimator):
    if is_classifier(estimator):
        return datasets.load_iris(return_X_y=True)
    X, y = datasets.make_regression(n_samples=90, n_features=4, noise=5.0, random_state=0)
    return X, y


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_clone_round_trips_parameters_and_refits_the_same_bytes(estimator):
    copy = clone(estimator)
    assert type(copy) is type(estimator) and copy is not estimator
    assert copy.get_params() == estimator.get_params()
    assert is_classifier(copy) != is_regressor(copy)
    X, y = _data(estimator)
    first = clone(estimator).fit(X, y)
    second = clone(copy).fit(X, y)
    assert first.blob_ == second.blob_
    assert first.n_features_in_ == X.shape[1]
    assert not hasattr(copy, "blob_"), "clone copied a fitted attribute"
    # set_params(**get_params()) is the identity; an unknown name is refused.
    copy.set_params(**estimator.get_params())
    assert copy.get_params() == estimator.get_params()
    with pytest.raises(ValueError, match="invalid parameter"):
        copy.set_params(no_such_parameter=1)


def test_numpy_parameter_values_and_random_state_instances_are_accepted():
    X, y = datasets.load_iris(return_X_y=True)
    plain = engine.DecisionTreeClassifier(max_depth=3, random_state=7).fit(X, y)
    numpy_ints = engine.DecisionTreeClassifier(max_depth=np.int64(3), random_state=np.int32(7))
    assert numpy_ints.fit(X, y).blob_ == plain.blob_
    # A RandomState instance gives its next draw: two equal states, two equal fits.
    a = engine.RandomForestClassifier(n_estimators=3, random_state=np.random.RandomState(0))
    b = engine.RandomForestClassifier(n_estimators=3, random_state=np.random.RandomState(0))
    assert a.fit(X, y).blob_ == b.fit(X, y).blob_
    with pytest.raises(ValueError, match="random_state must be"):
        engine.DecisionTreeClassifier(random_state=-1).fit(X, y)


GRID = {"max_depth": [1, 2, 4], "min_samples_leaf": np.array([1, 5])}


def _search(n_jobs):
    X, y = datasets.load_iris(return_X_y=True)
    search = GridSearchCV(engine.DecisionTreeClassifier(random_state=0), GRID, cv=3, n_jobs=n_jobs)
    search.fit(X, y)
    forest = engine.RandomForestClassifier(n_estimators=4, random_state=0)
    scores = cross_val_score(forest, X, y, cv=4, n_jobs=n_jobs)
    return search, scores


def _same(search, scores, reference):
    ref_search, ref_scores = reference
    assert search.best_params_ == ref_search.best_params_
    assert search.best_score_ == ref_search.best_score_
    np.testing.assert_array_equal(
        search.cv_results_["mean_test_score"], ref_search.cv_results_["mean_test_score"]
    )
    assert search.best_estimator_.blob_ == ref_search.best_estimator_.blob_
    np.testing.assert_array_equal(scores, ref_scores)


@pytest.fixture(scope="module")
def serial():
    search, scores = _search(None)
    # The stratified folds of iris give every candidate a real score, not a degenerate one.
    assert search.best_score_ > 0.9 and min(scores) > 0.8
    return search, scores


def test_grid_search_and_cross_val_score_serial(serial):
    search, scores = serial
    assert len(search.cv_results_["params"]) == 6 and len(scores) == 4


def test_grid_search_and_cross_val_score_with_two_joblib_processes(serial):
    _same(*_search(2), serial)


def test_grid_search_and_cross_val_score_on_a_dask_local_cluster(serial):
    distributed = pytest.importorskip("distributed")
    joblib = pytest.importorskip("joblib")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        with distributed.get_task_stream(client) as stream, joblib.parallel_backend("dask"):
            search, scores = _search(-1)
        # The fits ran as tasks on the cluster's worker processes, not in this process.
        workers = {task["worker"] for task in stream.data}
        assert stream.data and workers <= set(cluster.scheduler_info["workers"])
        print("dask: %d tasks on %d workers" % (len(stream.data), len(workers)))
    _same(search, scores, serial)


def _sklearn_version():
    import sklearn

    return tuple(int(part) for part in sklearn.__version__.split(".")[:2])


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_the_tags_say_what_the_estimators_do(estimator):
    # The values __sklearn_tags__ reports (scikit-learn >= 1.6), checked against real fits:
    # multi-class targets are learnt, NaN and strings in X are refused, a target is required.
    values = estimator._TAG_VALUES
    X, y = _data(estimator)
    fitted = clone(estimator).fit(X, y)
    if is_classifier(estimator):
        assert values["classifier"]["multi_class"] and len(fitted.classes_) == 3
    assert values["input"]["allow_nan"] is False and values["input"]["string"] is False
    bad = X.tolist()
    bad[3][1] = float("nan")
    with pytest.raises(engine.TrainingError, match="row 3, column 1"):
        clone(estimator).fit(bad, y)
    bad[3][1] = "a"
    with pytest.raises(engine.TrainingError, match="not a number"):
        clone(estimator).fit(bad, y)
    assert values["target"]["required"]
    with pytest.raises(TypeError):
        clone(estimator).fit(X)


@pytest.mark.skipif(_sklearn_version() < (1, 6), reason="scikit-learn < 1.6 has no Tags")
@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_sklearn_tags_on_scikit_learn_1_6_and_later(estimator):
    from sklearn.utils import get_tags

    tags = get_tags(estimator)
    assert tags.estimator_type == estimator._estimator_type
    assert (tags.classifier_tags is not None) == is_classifier(estimator)
    assert (tags.regressor_tags is not None) == is_regressor(estimator)
    assert tags.input_tags.allow_nan is False and tags.target_tags.required is True


@pytest.mark.skipif(_sklearn_version() >= (1, 6), reason="scikit-learn >= 1.6 has Tags")
def test_sklearn_tags_before_1_6_say_what_is_missing():
    # Older scikit-learn (Debian 12's 1.2) never calls __sklearn_tags__: it reads
    # _estimator_type (is_classifier above); a direct call says what it needs.
    for estimator in ESTIMATORS:
        with pytest.raises(AttributeError, match="scikit-learn >= 1.6"):
            estimator.__sklearn_tags__()
