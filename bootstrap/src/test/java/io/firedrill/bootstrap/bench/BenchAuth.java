package io.firedrill.bootstrap.bench;

/**
 * The credentials a benchmark harness sends to the application jar it drives: API tokens its script created with
 * {@code bench_token} (deploy/bench/lib.bash) and passed in the environment.
 */
final class BenchAuth {

    private BenchAuth() {
    }

    /** {@code Bearer} and the token of {@code FIREDRILL_BENCH_TOKEN} (an admin of the benchmark's tenant). */
    static String tenant() {
        return bearer("FIREDRILL_BENCH_TOKEN");
    }

    /** {@code Bearer} and the token of {@code FIREDRILL_BENCH_PLATFORM_TOKEN} (a platform admin). */
    static String platform() {
        return bearer("FIREDRILL_BENCH_PLATFORM_TOKEN");
    }

    private static String bearer(String variable) {
        String token = System.getenv(variable);
        if (token == null || token.isBlank()) {
            throw new IllegalStateException(variable + " is not set: run the benchmark through ./firedrill bench");
        }
        return "Bearer " + token.strip();
    }
}
