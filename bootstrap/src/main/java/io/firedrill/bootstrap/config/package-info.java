/** Configuration: the mapping of Firedrill's {@code FIREDRILL_*} settings onto Quarkus properties. */
package io.firedrill.bootstrap.config;
