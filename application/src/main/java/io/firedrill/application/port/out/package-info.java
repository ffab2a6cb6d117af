/** What the core needs from the outside world (storage of read models, sequences, idempotency records); adapters implement these. */
package io.firedrill.application.port.out;
