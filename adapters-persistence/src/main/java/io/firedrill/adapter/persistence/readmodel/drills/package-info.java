/** The drill read models: drill plans. */
package io.firedrill.adapter.persistence.readmodel.drills;
