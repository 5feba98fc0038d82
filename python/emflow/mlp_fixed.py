"""int16 fixed-point MLP (dtype='int16'): quantisation at conversion time and the integer
forward pass, bit for bit what core/ml/mlp.cpp (mlp_predict_int16) computes.

Features are int16 x_q = round(x * input_scale); 1 / input_scale is folded into the first
layer's weights. Layer l holds int16 weights W_q = round(W * 2^shift) (shift chosen from the
weights' range) and int32 biases b_q = round(b * 2^(shift + q_in)), where q_in is the Q format
of the layer's int16 inputs (0 for the features). The sum acc = b_q + sum W_q a_q is exact in
int32: every unit satisfies 32768 * sum |W_q| + |b_q| <= 2^30. Hidden layers rescale acc to
int16 (rounding shift, saturation): relu/identity in their own Q format q, tanh/logistic from a
Q12 (tanh) or Q11 (logistic) argument through a 257-entry Q14 tanh table. The output layer goes
to float.
"""

import math

from .model import ConversionError

ACC_LIMIT = 1 << 30
HIDDEN_IDENTITY, HIDDEN_LOGISTIC, HIDDEN_TANH, HIDDEN_RELU = 0, 1, 2, 3
TABLE_Q = 14  # tanh / logistic hidden outputs: 16384 = 1.0

# tanh(k / 32) in Q14, k = 0..256 (argument 0..8): the table in core/ml/mlp.cpp.
TANH_Q14 = [int(math.floor(math.tanh(k / 32.0) * 16384 + 0.5)) for k in range(257)]


def _round(v):
    return int(math.floor(v + 0.5))


def tanh_q14(t):
    """tanh(t / 4096) in Q14: table lookup with linear interpolation (mlp_tanh_q14)."""
    u = min(abs(t), 32767)
    k, fraction = u >> 7, u & 127
    low = TANH_Q14[k]
    y = low + (((TANH_Q14[k + 1] - low) * fraction + 64) >> 7)
    return -y if t < 0 else y


def requantize(acc, shift):
    """acc / 2^shift rounded half up (or acc * 2^-shift), saturated to int16."""
    if shift > 0:
        v = (acc + (1 << (shift - 1))) >> shift
    else:
        if acc > 32767:
            return 32767
        if acc < -32768:
            return -32768
        v = acc << -shift
    return max(-32768, min(32767, v))


def target_q(hidden, q):
    """Q format of the rescaled sum: tanh's table argument Q12, logistic Q11 (z / 2 in Q12)."""
    if hidden == HIDDEN_TANH:
        return 12
    if hidden == HIDDEN_LOGISTIC:
        return 11
    return q


def activate(hidden, acc, rescale):
    v = requantize(acc, rescale)
    if hidden == HIDDEN_RELU:
        return v if v > 0 else 0
    if hidden == HIDDEN_TANH:
        return tanh_q14(v)
    if hidden == HIDDEN_LOGISTIC:
        return (16384 + tanh_q14(v) + 1) >> 1
    return v


def forward(layers, hidden, x):
    """Integer forward pass. layers: dicts with n_in, n_out, shift, q, W (flat), b.
    Returns (output layer accumulators, exponent): value = acc * 2^-exponent."""
    a = x
    q_in = 0
    last = len(layers) - 1
    for index, layer in enumerate(layers):
        n_in, n_out, w = layer["n_in"], layer["n_out"], layer["W"]
        accs = []
        for o in range(n_out):
            acc = layer["b"][o]
            for i in range(n_in):
                acc += w[i * n_out + o] * a[i]
            accs.append(acc)
        if index == last:
            return accs, layer["shift"] + q_in
        rescale = layer["shift"] + q_in - target_q(hidden, layer["q"])
        a = [activate(hidden, acc, rescale) for acc in accs]
        q_in = layer["q"]


def _float_activate(hidden, v):
    if hidden == HIDDEN_RELU:
        return max(v, 0.0)
    if hidden == HIDDEN_TANH:
        return math.tanh(v)
    if hidden == HIDDEN_LOGISTIC:
        return 0.5 * (1.0 + math.tanh(0.5 * v))
    return v


def _observed_ranges(weights, biases, sizes, hidden, rows):
    """Largest |activation| of each hidden layer over the calibration rows (float network)."""
    largest = [0.0] * (len(weights) - 1)
    for x in rows:
        a = x
        for layer in range(len(weights) - 1):
            n_in, n_out, w = sizes[layer], sizes[layer + 1], weights[layer]
            a = [
                _float_activate(
                    hidden, biases[layer][o] + sum(w[i * n_out + o] * a[i] for i in range(n_in))
                )
                for o in range(n_out)
            ]
            largest[layer] = max(largest[layer], max(abs(v) for v in a))
    return largest


def _bound_ranges(weights, biases, sizes, input_bound):
    """Worst-case |activation| per hidden layer for any int16 features (|z| bounds relu too)."""
    bounds = []
    bound = input_bound
    for layer in range(len(weights) - 1):
        n_in, n_out, w = sizes[layer], sizes[layer + 1], weights[layer]
        bound = max(
            sum(abs(w[i * n_out + o]) for i in range(n_in)) * bound + abs(biases[layer][o])
            for o in range(n_out)
        )
        bounds.append(bound)
    return bounds


def _fits(w_q, b_q, n_in, n_out):
    if any(abs(v) > 32767 for v in w_q):
        return False
    for o in range(n_out):
        total = sum(abs(w_q[i * n_out + o]) for i in range(n_in))
        if 32768 * total + abs(b_q[o]) > ACC_LIMIT:
            return False
    return True


def quantise(estimator, weights, biases, sizes, hidden, input_scale, calibration):
    """Per-layer int16 weights, int32 biases and shifts (see the module docstring).

    weights: flat row-major float lists as coefs_; calibration: int16 feature rows or None.
    """
    weights = [list(w) for w in weights]
    weights[0] = [v / input_scale for v in weights[0]]  # acts on x_q directly
    n_layers = len(weights)
    if n_layers > 1 and hidden in (HIDDEN_IDENTITY, HIDDEN_RELU):
        if calibration:
            ranges = _observed_ranges(weights, biases, sizes, hidden, calibration)
        else:
            ranges = _bound_ranges(weights, biases, sizes, 32768.0)
    layers = []
    q_in = 0
    for index in range(n_layers):
        n_in, n_out = sizes[index], sizes[index + 1]
        w, b = weights[index], biases[index]
        largest = max(abs(v) for v in w) or 1.0
        shift = min(32, int(math.floor(math.log2(32767.0 / largest))))
        hidden_layer = index + 1 < n_layers
        if hidden_layer and hidden in (HIDDEN_TANH, HIDDEN_LOGISTIC):
            shift = min(shift, 30 + target_q(hidden, TABLE_Q) - q_in)
        while True:
            if shift < -32:
                raise ConversionError(estimator, "weights too large for int16", "coefs_")
            w_q = [_round(v * 2.0**shift) for v in w]
            b_q = [_round(v * 2.0 ** (shift + q_in)) for v in b]
            if _fits(w_q, b_q, n_in, n_out):
                break
            shift -= 1
        q = 0
        if hidden_layer:
            if hidden in (HIDDEN_TANH, HIDDEN_LOGISTIC):
                q = TABLE_Q
            else:
                bound = ranges[index] or 1.0
                q = int(math.floor(math.log2(32767.0 / bound)))
                q = max(shift + q_in - 30, min(shift + q_in + 15, q))
            rescale = shift + q_in - target_q(hidden, q)
            if not (-32 <= q <= 32 and -15 <= rescale <= 30):
                raise ConversionError(
                    estimator, "layer %d cannot be scaled to int16" % index, "coefs_"
                )
        layers.append({"n_in": n_in, "n_out": n_out, "shift": shift, "q": q, "W": w_q, "b": b_q})
        q_in = q
    return layers
