\ A small Forth program for tests/programs/forth.c
: square dup * ;
: cube dup square * ;
." squares: " 11 1 do i square . loop cr
." cubes: " 6 1 do i cube . loop cr
: fact dup 1 > if dup 1- fact * else drop 1 then ;
." 20! = " 20 fact . cr
: fib dup 2 < if else dup 1- fib swap 2 - fib + then ;
." fib(20) = " 20 fib . cr
variable counter
0 counter !
: count-up 100 0 do i counter +! loop ;
count-up count-up counter @ ." counter = " . cr
: gcd begin swap over mod dup 0 = until drop ;
." gcd(1071,462) = " 1071 462 gcd . cr
: stars 0 do 42 emit loop ;
: triangle 1+ 1 do i stars cr loop ;
5 triangle
: collatz 0 swap begin dup 1 = invert if dup 2 mod if 3 * 1+ else 2 / then swap 1+ swap 0 else -1 then until drop ;
." collatz(27) steps = " 27 collatz . cr
." countdown: " 0 10 do i . -2 +loop cr
: primes 2 do 1 i 2 do j i mod 0 = if drop 0 then loop if i . then loop ;
." primes: " 60 primes cr
1 2 3 rot .s cr
-7 abs 3 max 100 min . 17 5 mod . -17 5 / . cr
." nested: " 3 0 do 3 0 do i j * . loop loop cr
bogus-word
