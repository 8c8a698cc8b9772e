package org.jstap.lang.ir;

public enum CompareOp {
    LT, LE, GT, GE, EQ, NE
}
