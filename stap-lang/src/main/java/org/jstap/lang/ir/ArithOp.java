package org.jstap.lang.ir;

public enum ArithOp {
    ADD, SUB, MUL, DIV, MOD, AND, OR, XOR, SHL, SHR, USHR
}
