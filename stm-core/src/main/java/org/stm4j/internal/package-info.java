/**
 * The engine. Not exported: nothing here is API.
 *
 * <p>Conventions: the per-thread {@link org.stm4j.internal.TxnContext} is the only mutable state
 * touched on the fast path besides the TVars' own words; shared words ({@link
 * org.stm4j.internal.ClockLine}, the visible-reader stripes, the waiter buckets) are written only on
 * slow paths. TVar fields are accessed only through the VarHandles in {@code Cells}, with the access
 * mode stated at each use: acquire for the first read of a metadata word, opaque for the value and
 * the re-read after a load fence (the seqlock pattern of {@code StampedLock}), CAS to lock, and
 * release to publish a new version. Hot-path methods allocate nothing; control flow out of a block
 * uses the preallocated stackless signals of {@code ControlSignal}.
 */
package org.stm4j.internal;
