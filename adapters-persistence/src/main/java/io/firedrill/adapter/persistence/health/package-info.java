/** Health checks that touch the database, built so that they cannot hang when the database does. */
package io.firedrill.adapter.persistence.health;
