package org.stm4j.kotlin

import java.util.function.Supplier
import org.stm4j.Stm
import org.stm4j.TVar
import org.stm4j.collections.TList
import org.stm4j.collections.TQueue

// The guide's Kotlin section (docs/guide.md, "Kotlin and Scala") is the region below, compiled with
// -Werror against the JSpecify-annotated API and run by KotlinGuideTest.

// region kotlin-guide
// one helper makes every block a trailing lambda with a result
inline fun <T> atomic(crossinline block: () -> T): T = Stm.atomic(Supplier { block() })

fun main() {
    val checking = TVar(100)                  // TVar<Int>: get() is an Int, never a platform type
    val savings = TVar(0)
    atomic { checking.set(checking.get() - 30); savings.set(savings.get() + 30) }
    val total: Int = atomic { checking.get() + savings.get() }

    val nickname = TVar<String?>(null)        // a TVar that may hold null says so in its type
    val shown: String = atomic { nickname.get() ?: "anonymous" }

    val names = TList<String?>()              // None-like elements are allowed when the type says so
    names.append(null)
    val first: String? = names.getItem(0)
    val queue = TQueue<String>(4)             // queue elements are never null, but poll() may be
    val polled: String? = queue.poll()

    atomic { Stm.afterCommit { println("committed") } }   // a hook inside a block: a Runnable lambda
    println("total=$total shown=$shown first=$first polled=$polled")
}
// endregion
