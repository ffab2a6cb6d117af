/** Drill plans over HTTP. */
package io.firedrill.adapter.rest.drill;
