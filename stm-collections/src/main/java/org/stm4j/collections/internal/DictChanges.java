package org.stm4j.collections.internal;

import org.stm4j.TVar;
import org.stm4j.access.Deferred;
import org.stm4j.access.Txn;

/**
 * The structural changes (inserts and deletes) one transaction made to one dict, kept as the
 * deferred value of the transaction's size stripe: a persistent list, newest change first, plus
 * the net size delta. One node is allocated per change; nodes are immutable, so partial rollback
 * (orElse, a nested block that throws) restores an earlier list by reference.
 *
 * <p>At commit ({@link #resolve}) the stripe becomes {@code committed + delta}, and the dict's
 * {@link DictOrder} is brought up to date while every written predicate is still locked: slots
 * that are no longer present (deleted, or deleted and re-inserted) leave the order, and each key
 * whose final pending slot is a fresh insert gets a stamp, later inserts larger stamps. Stamps
 * are taken from the order's counter with the locks held, which is what makes stamp order agree
 * with the serialization order that readers can observe (see {@link DictOrder}).
 */
final class DictChanges implements Deferred {
    final DictChanges older;
    final TVar<Object> predicate;
    final boolean insert;
    final long delta;
    final int count;
    private final DictOrder order;

    DictChanges(DictChanges older, TVar<Object> predicate, boolean insert, DictOrder order) {
        this.older = older;
        this.predicate = predicate;
        this.insert = insert;
        this.order = order;
        long d = insert ? 1 : -1;
        this.delta = older == null ? d : older.delta + d;
        this.count = older == null ? 1 : older.count + 1;
    }

    @Override
    public Object peek(Object committed) {
        return (Long) committed + delta;
    }

    @Override
    public Object resolve(Object committed, Txn committing) {
        long base = order.reserveStamps(count);
        int position = 0;
        for (DictChanges c = this; c != null; c = c.older, position++) {
            Object before = committing.lockedValue(c.predicate);
            Object after = committing.pendingWrite(c.predicate);
            if (before instanceof DictSlot) {
                DictSlot old = (DictSlot) before;
                if (!(after instanceof DictSlot) || ((DictSlot) after).stamp != old.stamp) {
                    order.remove(old);
                }
            }
            if (c.insert && after instanceof DictSlot && ((DictSlot) after).stamp == 0) {
                // the newest insert of this key (older nodes of the same key now see a stamp)
                DictSlot fresh = (DictSlot) after;
                fresh.stamp = base + count - 1 - position;
                order.add(fresh);
            }
        }
        order.adjustLive(delta);
        return (Long) committed + delta;
    }
}
