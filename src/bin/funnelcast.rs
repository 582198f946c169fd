//! The `funnelcast` command line (native only; see `funnelcast::cli`).
//!
//! Its transcendental functions are Rust's `libm` (`same_math`), the very code a wasm32 build
//! runs, so the command line prints the reports of the page and the npm package bit for bit.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let code = funnelcast::cli::main_with_args(
        std::env::args().collect(),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    );
    std::process::exit(code);
}

#[cfg(target_arch = "wasm32")]
fn main() {}

/// The C math library's functions, defined here as Rust's `libm` computes them.
///
/// WebAssembly has no instruction for `exp`, `ln`, `powf`, ...: a wasm32 build (the page, its
/// workers, the npm package) links them from Rust's own `libm` (the `libm` crate's code, in
/// `compiler_builtins`). A native build calls the C library's, and glibc's differ from it in
/// the last bit for some arguments. That bit is enough for a report's revenue floats to differ
/// and for a calibration's fit to end a few steps elsewhere. Defined in the executable, these
/// symbols are the ones every call in it resolves to (the engine's, `rand_distr`'s,
/// `statrs`'s, the standard library's), so the command line draws and computes exactly as the
/// wasm builds do: `tests/pkg/package.test.mjs` compares its JSON with the package's byte for
/// byte. The set is every `f64` function of the C library that Rust's `f64` methods call (a
/// function missing here would be glibc's again: `nm -D target/release/funnelcast` lists
/// none of them). Only the command line's executable defines them: the native tests, which
/// link the library alone, keep the C library's.
#[cfg(not(target_arch = "wasm32"))]
#[expect(
    unsafe_code,
    reason = "`no_mangle` is what makes these the C symbols the executable's calls resolve to; \
              the functions themselves are safe Rust"
)]
mod same_math {
    macro_rules! from_libm {
        ($($name:ident($($argument:ident),+)),+ $(,)?) => {$(
            #[unsafe(no_mangle)]
            pub extern "C" fn $name($($argument: f64),+) -> f64 {
                libm::$name($($argument),+)
            }
        )+};
    }

    from_libm!(
        acos(x),
        acosh(x),
        asin(x),
        asinh(x),
        atan(x),
        atan2(y, x),
        atanh(x),
        cbrt(x),
        cos(x),
        cosh(x),
        erf(x),
        erfc(x),
        exp(x),
        exp2(x),
        expm1(x),
        hypot(x, y),
        log(x),
        log10(x),
        log1p(x),
        log2(x),
        pow(x, y),
        sin(x),
        sinh(x),
        tan(x),
        tanh(x),
        tgamma(x),
        lgamma(x),
    );
}
