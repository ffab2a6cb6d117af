/** The drill use cases: drill plans (and, later, their runs). */
package io.firedrill.application.port.in.drill;
