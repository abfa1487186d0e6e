package org.stm4j.kotlin

import java.io.ByteArrayOutputStream
import java.io.PrintStream
import kotlin.reflect.typeOf
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.stm4j.Stm
import org.stm4j.TVar
import org.stm4j.collections.TDict
import org.stm4j.collections.TList
import org.stm4j.collections.TQueue

/** The static type Kotlin gave an expression: `kotlin.String!` for a platform type, `kotlin.String?` for a nullable one. */
inline fun <reified T> staticType(@Suppress("UNUSED_PARAMETER") value: T): String = typeOf<T>().toString()

class KotlinGuideTest {
    @Test
    fun theGuideSampleRuns() {
        val out = ByteArrayOutputStream()
        val saved = System.out
        System.setOut(PrintStream(out, true, Charsets.UTF_8))
        try {
            main()
        } finally {
            System.setOut(saved)
        }
        assertEquals(
            listOf("committed", "total=100 shown=anonymous first=null polled=null"),
            out.toString(Charsets.UTF_8).lines().filter { it.isNotEmpty() })
    }

    /** The JSpecify annotations reach Kotlin: non-null where the API says so, nullable where it allows null, no platform types. */
    @Test
    fun nullnessIsSeenByKotlin() {
        // control: an unannotated Java method gives a platform type, so this check can fail
        assertEquals("kotlin.String!", staticType(System.getProperty("user.dir")))
        val plain = TVar("x")
        assertEquals("kotlin.String", staticType(plain.get()))
        assertEquals("kotlin.String?", staticType(TVar<String?>(null).get()))
        assertEquals("kotlin.String?", staticType(plain.name()))
        assertEquals("kotlin.Int", staticType(atomic { 1 + 1 }))
        assertEquals("kotlin.Int", staticType(Stm.atomic(java.util.function.Supplier { 2 })))
        assertEquals("kotlin.String?", staticType(TList<String?>().apply { append(null) }.getItem(0)))
        assertEquals("kotlin.String", staticType(TList.of("a").getItem(0)))
        assertEquals("kotlin.String?", staticType(TQueue<String>(1).poll()))
        val dict = TDict<String, Int>()
        dict.setItem("a", 1)
        assertEquals("kotlin.Int", staticType(dict.getItem("a")))
        assertEquals("kotlin.Int?", staticType(dict.get("b")))
        assertEquals("java.time.Duration?", staticType(Stm.defaultConfig().timeout()))
    }
}
