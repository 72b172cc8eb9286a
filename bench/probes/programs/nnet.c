/* nnet: single-precision neural network training, f32 only: an MLP
 * 32-64-64-8 with a rational tanh approximation (no libm) learns to imitate
 * a fixed random "teacher" network on 512 synthetic samples, by minibatch
 * SGD with momentum (batches of 16: f32 matrix-vector products forward,
 * outer-product gradient accumulation backward). The training loss must
 * fall to under half its start. Checksum of the exact bits of the weights
 * and the per-epoch losses. SIZE = epochs; small = 1, bench = 24. */
#include "common.h"

#define NIN 32
#define NH 64
#define NOUT 8
#define SAMPLES 512
#define BATCH 16
#define NLAYERS 3

typedef struct {
    int in, out;
    float *w, *b, *gw, *gb, *vw, *vb; /* weights (out x in), bias, gradients, momentum */
    float *x, *y, *dy;                /* last input, output, and d loss / d output */
} layer_t;

static float frand(rng_t *r) { /* uniform in [-1, 1) */
    return (float)(int32_t)(rng_next(r) >> 40) * (1.0f / 8388608.0f) - 1.0f;
}

/* tanh(x) ~ x (27 + x^2) / (27 + 9 x^2), clamped to [-1, 1]. */
static inline float tanh_approx(float x) {
    if (x > 3.0f) return 1.0f;
    if (x < -3.0f) return -1.0f;
    float x2 = x * x;
    return x * (27.0f + x2) / (27.0f + 9.0f * x2);
}

static void layer_init(layer_t *l, int in, int out, rng_t *r) {
    l->in = in;
    l->out = out;
    size_t nw = (size_t)in * out;
    l->w = malloc(nw * 4); l->gw = calloc(nw, 4); l->vw = calloc(nw, 4);
    l->b = calloc((size_t)out, 4); l->gb = calloc((size_t)out, 4); l->vb = calloc((size_t)out, 4);
    l->y = calloc((size_t)out, 4); l->dy = calloc((size_t)out, 4);
    float scale = 1.7f / __builtin_sqrtf((float)in);
    for (size_t i = 0; i < nw; i++) l->w[i] = frand(r) * scale;
    for (int i = 0; i < out; i++) l->b[i] = frand(r) * 0.1f;
}

static void layer_free(layer_t *l) {
    free(l->w); free(l->gw); free(l->vw); free(l->b); free(l->gb); free(l->vb); free(l->y); free(l->dy);
}

static const float *forward(layer_t *ls, int n, const float *x) {
    for (int k = 0; k < n; k++) {
        layer_t *l = &ls[k];
        l->x = (float *)x;
        for (int o = 0; o < l->out; o++) {
            const float *w = l->w + (size_t)o * l->in;
            float s = l->b[o];
            for (int i = 0; i < l->in; i++) s += w[i] * x[i];
            l->y[o] = k < n - 1 ? tanh_approx(s) : s;
        }
        x = l->y;
    }
    return x;
}

/* ls[n-1].dy holds d loss / d output; accumulates gradients. */
static void backward(layer_t *ls, int n) {
    for (int k = n - 1; k >= 0; k--) {
        layer_t *l = &ls[k];
        if (k < n - 1) /* through the activation: tanh' = 1 - y^2 */
            for (int o = 0; o < l->out; o++) l->dy[o] *= 1.0f - l->y[o] * l->y[o];
        float *dx = k > 0 ? ls[k - 1].dy : NULL;
        if (dx) memset(dx, 0, sizeof(float) * (size_t)l->in);
        for (int o = 0; o < l->out; o++) {
            float d = l->dy[o];
            float *gw = l->gw + (size_t)o * l->in;
            const float *w = l->w + (size_t)o * l->in;
            l->gb[o] += d;
            for (int i = 0; i < l->in; i++) gw[i] += d * l->x[i];
            if (dx)
                for (int i = 0; i < l->in; i++) dx[i] += d * w[i];
        }
    }
}

static void sgd_step(layer_t *ls, int n, float lr, float momentum) {
    for (int k = 0; k < n; k++) {
        layer_t *l = &ls[k];
        size_t nw = (size_t)l->in * l->out;
        for (size_t i = 0; i < nw; i++) {
            l->vw[i] = momentum * l->vw[i] - lr * l->gw[i];
            l->w[i] += l->vw[i];
            l->gw[i] = 0.0f;
        }
        for (int o = 0; o < l->out; o++) {
            l->vb[o] = momentum * l->vb[o] - lr * l->gb[o];
            l->b[o] += l->vb[o];
            l->gb[o] = 0.0f;
        }
    }
}

static uint64_t fbits(float f) {
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

int main(int argc, char **argv) {
    long epochs = bench_size(argc, argv, 1, 24);
    rng_t r = {8};
    layer_t teacher[NLAYERS], net[NLAYERS];
    int dims[NLAYERS + 1] = {NIN, NH, NH, NOUT};
    for (int k = 0; k < NLAYERS; k++) layer_init(&teacher[k], dims[k], dims[k + 1], &r);
    for (int k = 0; k < NLAYERS; k++) layer_init(&net[k], dims[k], dims[k + 1], &r);
    float *xs = malloc(sizeof(float) * SAMPLES * NIN), *ts = malloc(sizeof(float) * SAMPLES * NOUT);
    for (int s = 0; s < SAMPLES; s++) {
        for (int i = 0; i < NIN; i++) xs[s * NIN + i] = frand(&r);
        const float *t = forward(teacher, NLAYERS, xs + s * NIN);
        memcpy(ts + s * NOUT, t, sizeof(float) * NOUT);
    }
    uint64_t sum = 0;
    float first = -1.0f, loss = 0.0f;
    for (long e = 0; e <= epochs; e++) { /* epoch 0 only measures the loss */
        loss = 0.0f;
        for (int s = 0; s < SAMPLES; s++) {
            const float *y = forward(net, NLAYERS, xs + s * NIN), *t = ts + s * NOUT;
            float *dy = net[NLAYERS - 1].dy;
            for (int o = 0; o < NOUT; o++) {
                float d = y[o] - t[o];
                loss += d * d;
                dy[o] = d * (2.0f / (NOUT * BATCH));
            }
            if (e > 0) {
                backward(net, NLAYERS);
                if (s % BATCH == BATCH - 1) sgd_step(net, NLAYERS, 0.05f, 0.9f);
            }
        }
        loss *= 1.0f / (SAMPLES * NOUT);
        if (first < 0.0f) first = loss;
        sum = mix(sum, fbits(loss));
    }
    if (epochs >= 1 && !(loss < 0.5f * first)) {
        fprintf(stderr, "nnet: loss %g did not fall below half of %g\n", (double)loss, (double)first);
        return 1;
    }
    for (int k = 0; k < NLAYERS; k++) {
        uint64_t h = 0;
        for (int i = 0; i < net[k].in * net[k].out; i++) h = h * 0x100000001b3ULL + fbits(net[k].w[i]);
        for (int o = 0; o < net[k].out; o++) h = h * 0x100000001b3ULL + fbits(net[k].b[o]);
        sum = mix(sum, h);
        layer_free(&net[k]);
        layer_free(&teacher[k]);
    }
    free(xs);
    free(ts);
    print_checksum(sum);
    return 0;
}
