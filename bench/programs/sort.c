/* sort: quicksort (median of three, insertion sort below 16 elements) and
 * heapsort of the same SIZE pseudo-random 32-bit integers; both results are
 * checked equal and sorted. Compare-and-swap loops, data-dependent
 * branches, random access. small = 20 000, bench = 1 500 000. */
#include "common.h"

static inline void swap(uint32_t *a, uint32_t *b) {
    uint32_t t = *a;
    *a = *b;
    *b = t;
}

static void insertion(uint32_t *a, long n) {
    for (long i = 1; i < n; i++) {
        uint32_t v = a[i];
        long j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void quicksort(uint32_t *a, long n) {
    while (n > 16) {
        long m = n / 2;
        if (a[m] < a[0]) swap(&a[m], &a[0]);
        if (a[n - 1] < a[0]) swap(&a[n - 1], &a[0]);
        if (a[n - 1] < a[m]) swap(&a[n - 1], &a[m]);
        uint32_t pivot = a[m];
        long i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i >= j) break;
            swap(&a[i], &a[j]);
            i++;
            j--;
        }
        /* Recurse into the smaller half, loop on the larger. */
        long left = j + 1;
        if (left < n - left) {
            quicksort(a, left);
            a += left;
            n -= left;
        } else {
            quicksort(a + left, n - left);
            n = left;
        }
    }
    insertion(a, n);
}

static void sift_down(uint32_t *a, long root, long n) {
    for (;;) {
        long child = 2 * root + 1;
        if (child >= n) return;
        if (child + 1 < n && a[child + 1] > a[child]) child++;
        if (a[root] >= a[child]) return;
        swap(&a[root], &a[child]);
        root = child;
    }
}

static void heapsort(uint32_t *a, long n) {
    for (long i = n / 2 - 1; i >= 0; i--) sift_down(a, i, n);
    for (long end = n - 1; end > 0; end--) {
        swap(&a[0], &a[end]);
        sift_down(a, 0, end);
    }
}

int main(int argc, char **argv) {
    long n = bench_size(argc, argv, 20000, 1500000);
    uint32_t *a = malloc((size_t)(n ? n : 1) * sizeof *a);
    uint32_t *b = malloc((size_t)(n ? n : 1) * sizeof *b);
    if (!a || !b) return 1;
    rng_t rng = {42};
    for (long i = 0; i < n; i++) {
        /* A narrow range in a quarter of the input, so there are duplicates. */
        uint64_t x = rng_next(&rng);
        a[i] = (i & 3) == 0 ? (uint32_t)(x % 1000) : (uint32_t)x;
        b[i] = a[i];
    }
    quicksort(a, n);
    heapsort(b, n);
    uint64_t sum = (uint64_t)n;
    for (long i = 0; i < n; i++) {
        if (a[i] != b[i] || (i > 0 && a[i - 1] > a[i])) {
            fprintf(stderr, "sort: mismatch at %ld\n", i);
            return 1;
        }
        if ((i & 63) == 0) sum = mix(sum, a[i]);
    }
    free(a);
    free(b);
    print_checksum(sum);
    return 0;
}
