/*
 * The SystemTap script language, as stap 4.x/5.x reads it.
 *
 * Preprocessor tokens (%( %? %: %), @define, $1/@1) are handled on the token
 * stream by Preprocessor before this parser sees it. No actions here: the
 * AstBuilder turns contexts into AST nodes.
 */
grammar Stap;

script
    : declaration* EOF
    ;

declaration
    : PROBE points+=probePoint (COMMA points+=probePoint)* body=block            # probeDecl
    | PROBE names+=probePoint (COMMA names+=probePoint)* op=(ASSIGN | ADD_ASSIGN)
          points+=probePoint (COMMA points+=probePoint)* body=block                              # aliasDecl
    | priv=PRIVATE? GLOBAL vars+=globalVar (COMMA vars+=globalVar)* SEMI?                        # globalDecl
    | priv=PRIVATE? FUNCTION name=IDENT (COLON rtype=typeName)?
          LPAREN (params+=param (COMMA params+=param)*)? RPAREN (body=block | code=EMBEDDED)     # functionDecl
    | code=EMBEDDED                                                                              # embeddedDecl
    ;

globalVar
    : name=IDENT (wrap=MOD)? (LBRACK size=NUMBER RBRACK)? (wrapAfter=MOD)? (ASSIGN init=globalInit)?
    ;

globalInit
    : sign=SUB? num=NUMBER                  # numberInit
    | strings+=STRING+                      # stringInit
    ;

param
    : name=IDENT (COLON type=typeName)?
    ;

typeName
    : LONG | STRING_KW
    ;

probePoint
    : components+=pointComponent (DOT components+=pointComponent)* suffix+=(QUESTION | NOT)* (IF LPAREN cond=expr RPAREN)?
    ;

pointComponent
    : pieces+=pointPiece+ (LPAREN arg=pointArg RPAREN)?             # namedComponent
    | LBRACE alts+=pointAlternative (COMMA alts+=pointAlternative)* RBRACE   # braceComponent
    ;

pointAlternative
    : components+=pointComponent (DOT components+=pointComponent)*
    ;

pointPiece
    : IDENT | MUL | POW | keyword
    ;

keyword
    : PROBE | GLOBAL | FUNCTION | WHILE | FOR | FOREACH | IN | LIMIT | RETURN | DELETE
    | BREAK | CONTINUE | NEXT | TRY | CATCH | PRIVATE | LONG | STRING_KW
    ;

pointArg
    : sign=SUB? num=NUMBER                  # numberArg
    | strings+=STRING+                      # stringArg
    ;

block
    : LBRACE statement* RBRACE
    ;

statement
    : block                                                                         # blockStmt
    | TRY body=block CATCH (LPAREN msg=IDENT RPAREN)? handler=block                   # tryStmt
    | SEMI                                                                          # nullStmt
    | IF LPAREN cond=expr RPAREN then=statement (ELSE otherwise=statement)?           # ifStmt
    | WHILE LPAREN cond=expr RPAREN body=statement                                    # whileStmt
    | FOR LPAREN init=expr? SEMI cond=expr? SEMI step=expr? RPAREN body=statement     # forStmt
    | FOREACH LPAREN head=foreachHead RPAREN body=statement                           # foreachStmt
    | BREAK SEMI?                                                                   # breakStmt
    | CONTINUE SEMI?                                                                # continueStmt
    | NEXT SEMI?                                                                    # nextStmt
    | RETURN value=expr? SEMI?                                                      # returnStmt
    | DELETE target=expr SEMI?                                                      # deleteStmt
    | value=expr SEMI?                                                              # exprStmt
    ;

foreachHead
    : (value=foreachVar ASSIGN)? keys=foreachKeys IN (array=IDENT | histogram=atCall)
          (LBRACK slice+=indexElem (COMMA slice+=indexElem)* RBRACK)? (aggregate=AT_IDENT? sort=(ADD | SUB))?
          (LIMIT limit=expr)?
    ;

foreachKeys
    : single=foreachVar                                                 # singleKey
    | LBRACK vars+=foreachVar (COMMA vars+=foreachVar)* RBRACK          # multiKey
    ;

foreachVar
    : name=IDENT sort=(ADD | SUB)?
    ;

indexElem
    : MUL                                   # wildcardIndex
    | expr                                  # exprIndex
    ;

/* Alternatives listed first bind tighter (SystemTap's precedence, parse.cxx order reversed). */
expr
    : operand=primary op=(INC | DEC)                                                # postfixExpr
    | primary                                                                       # primaryExpr
    | op=(INC | DEC) operand=primary                                                # prefixExpr
    | op=(ADD | SUB | NOT | TILDE) operand=expr                                     # unaryExpr
    | left=expr op=(MUL | DIV | MOD) right=expr                                     # binaryExpr
    | left=expr op=(ADD | SUB) right=expr                                           # binaryExpr
    | left=expr op=DOT right=expr                                                   # binaryExpr
    | left=expr op=(SHL | SHR | USHR) right=expr                                    # binaryExpr
    | left=expr op=(LT | LE | GT | GE | EQ | NE | MATCH | NOMATCH) right=expr       # binaryExpr
    | key=expr IN array=IDENT                                                       # inExpr
    | left=expr op=AMP right=expr                                                   # binaryExpr
    | left=expr op=CARET right=expr                                                 # binaryExpr
    | left=expr op=PIPE right=expr                                                  # binaryExpr
    | left=expr op=AND right=expr                                                   # binaryExpr
    | left=expr op=OR right=expr                                                    # binaryExpr
    | <assoc=right> cond=expr QUESTION then=expr COLON otherwise=expr                # ternaryExpr
    | <assoc=right> target=expr op=(ASSIGN | ADD_ASSIGN | SUB_ASSIGN | MUL_ASSIGN | DIV_ASSIGN
          | MOD_ASSIGN | SHL_ASSIGN | SHR_ASSIGN | AND_ASSIGN | XOR_ASSIGN | OR_ASSIGN
          | CONCAT_ASSIGN | AGGREGATE) value=expr                                   # assignExpr
    ;

primary
    : num=NUMBER                                                                    # numberLit
    | strings+=STRING+                                                              # stringLit
    | LPAREN inner=expr RPAREN                                                       # parenExpr
    | LBRACK keys+=indexElem (COMMA keys+=indexElem)* RBRACK IN array=IDENT         # multiInExpr
    | name=IDENT LPAREN (args+=expr (COMMA args+=expr)*)? RPAREN                    # callExpr
    | name=IDENT LBRACK keys+=indexElem (COMMA keys+=indexElem)* RBRACK             # indexExpr
    | name=IDENT                                                                    # varExpr
    | call=atCall accessors+=accessor* pretty=PRETTY?                               # atExpr
    | name=TARGET accessors+=accessor* pretty=PRETTY?                                # targetExpr
    | AMP operand=primary                                                           # addressOfExpr
    | code=EMBEDDED                                                                 # embeddedExpr
    ;

atCall
    : op=AT_IDENT LPAREN (args+=expr (COMMA args+=expr)*)? RPAREN
    ;

accessor
    : ARROW field=IDENT                     # fieldAccessor
    | LBRACK index=expr RBRACK              # indexAccessor
    ;

// ---------------------------------------------------------------- lexer

PROBE    : 'probe';
GLOBAL   : 'global';
FUNCTION : 'function';
IF       : 'if';
ELSE     : 'else';
WHILE    : 'while';
FOR      : 'for';
FOREACH  : 'foreach';
IN       : 'in';
LIMIT    : 'limit';
RETURN   : 'return';
DELETE   : 'delete';
BREAK    : 'break';
CONTINUE : 'continue';
NEXT     : 'next';
TRY      : 'try';
CATCH    : 'catch';
PRIVATE  : 'private';
LONG     : 'long';
STRING_KW: 'string';

EMBEDDED : '%{' .*? '%}';
PP_OPEN  : '%(';
PP_THEN  : '%?';
PP_ELSE  : '%:';
PP_CLOSE : '%)';

AGGREGATE     : '<<<';
USHR          : '>>>';
SHL_ASSIGN    : '<<=';
SHR_ASSIGN    : '>>=';
ADD_ASSIGN    : '+=';
SUB_ASSIGN    : '-=';
MUL_ASSIGN    : '*=';
DIV_ASSIGN    : '/=';
MOD_ASSIGN    : '%=';
AND_ASSIGN    : '&=';
XOR_ASSIGN    : '^=';
OR_ASSIGN     : '|=';
CONCAT_ASSIGN : '.=';
INC      : '++';
DEC      : '--';
ARROW    : '->';
SHL      : '<<';
SHR      : '>>';
LE       : '<=';
GE       : '>=';
EQ       : '==';
NE       : '!=';
MATCH    : '=~';
NOMATCH  : '!~';
AND      : '&&';
OR       : '||';
POW      : '**';
LT       : '<';
GT       : '>';
ASSIGN   : '=';
ADD      : '+';
SUB      : '-';
MUL      : '*';
DIV      : '/';
MOD      : '%';
NOT      : '!';
TILDE    : '~';
AMP      : '&';
CARET    : '^';
PIPE     : '|';
QUESTION : '?';
COLON    : ':';
SEMI     : ';';
COMMA    : ',';
DOT      : '.';
LPAREN   : '(';
RPAREN   : ')';
LBRACE   : '{';
RBRACE   : '}';
LBRACK   : '[';
RBRACK   : ']';

/* $1 and @1 (and $# @#) are script arguments, replaced by the preprocessor. */
SCRIPT_ARG : '$' ([0-9]+ | '#');
STRING_ARG : '@' ([0-9]+ | '#');
TARGET     : '$' '$'? [a-zA-Z_] [a-zA-Z0-9_]*;
PRETTY     : '$$' | '$';
AT_IDENT   : '@' [a-zA-Z_] [a-zA-Z0-9_]*;
IDENT      : [a-zA-Z_] [a-zA-Z0-9_]*;
NUMBER     : [0-9] [a-zA-Z0-9_]*;
STRING     : '"' ( '\\' . | ~["\\\r\n] )* '"';
UNTERMINATED_STRING : '"' ( '\\' . | ~["\\\r\n] )*;

LINE_COMMENT  : ('#' | '//') ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? ('*/' | EOF) -> channel(HIDDEN);
WS            : [ \t\r\n\f]+ -> channel(HIDDEN);
UNKNOWN       : .;
