package io.firedrill.application.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncGateTest {

    @Test
    void givenTwoPermits_whenFiveOperationsCome_thenTwoRunAtOnce_andTheOthersStartInTheOrderTheyCame() throws Exception {
        AsyncGate gate = new AsyncGate(2, Runnable::run);
        List<CompletableFuture<Integer>> operations = new ArrayList<>();
        List<Integer> started = new ArrayList<>();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            CompletableFuture<Integer> operation = new CompletableFuture<>();
            operations.add(operation);
            results.add(gate.run(() -> {
                started.add(n);
                return operation;
            }));
        }
        assertThat(started).containsExactly(0, 1);

        operations.get(1).complete(1);
        assertThat(started).containsExactly(0, 1, 2);
        assertThat(gate.running()).isEqualTo(2);
        operations.get(0).complete(0);
        operations.get(2).complete(2);
        assertThat(started).containsExactly(0, 1, 2, 3, 4);
        operations.get(3).complete(3);
        operations.get(4).complete(4);

        assertThat(results).extracting(CompletableFuture::join).containsExactly(0, 1, 2, 3, 4);
        assertThat(gate.running()).isZero();
    }

    @Test
    void givenAnOperationThatThrowsAnError_orReturnsNoFuture_thenItsResultFails_andItsPermitPassesOn() throws Exception {
        AsyncGate gate = new AsyncGate(1, Runnable::run);
        CompletableFuture<String> error = gate.run(() -> {
            throw new AssertionError("broken fake");
        });
        CompletableFuture<String> none = gate.run(() -> null);
        CompletableFuture<String> after = gate.run(() -> CompletableFuture.completedFuture("ran"));

        assertThatThrownBy(error::get).isInstanceOf(ExecutionException.class).hasMessageContaining("broken fake");
        assertThatThrownBy(none::get).isInstanceOf(ExecutionException.class).hasMessageContaining("no future");
        assertThat(after.get(1, TimeUnit.SECONDS)).isEqualTo("ran");
        assertThat(gate.running()).isZero();
    }

    @Test
    void givenAnOperationThatFails_thenItsFailureIsTheResult_andItsPermitPassesOn() throws Exception {
        AsyncGate gate = new AsyncGate(1, Runnable::run);
        CompletableFuture<String> thrown = gate.run(() -> {
            throw new IllegalStateException("refused");
        });
        CompletableFuture<String> failed = gate.run(() -> CompletableFuture.failedFuture(new IllegalStateException("gone")));
        CompletableFuture<String> after = gate.run(() -> CompletableFuture.completedFuture("ran"));

        assertThatThrownBy(thrown::get).isInstanceOf(ExecutionException.class).hasMessageContaining("refused");
        assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class).hasMessageContaining("gone");
        assertThat(after.get(1, TimeUnit.SECONDS)).isEqualTo("ran");
        assertThat(gate.running()).isZero();
    }

    @Test
    void givenManyOperationsThatEndAtOnce_thenEveryOneRuns_withoutRecursingIntoTheNext() throws Exception {
        AsyncGate gate = new AsyncGate(1);
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<Integer> first = new CompletableFuture<>();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        results.add(gate.run(() -> first));
        for (int i = 0; i < 20_000; i++) {
            results.add(gate.run(() -> CompletableFuture.completedFuture(ran.incrementAndGet())));
        }
        assertThat(ran.get()).as("all wait behind the first").isZero();

        first.complete(0);

        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(ran.get()).isEqualTo(20_000);
        assertThat(gate.running()).isZero();
    }
}
