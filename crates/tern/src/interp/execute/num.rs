//! Numeric semantics of WebAssembly operators that Rust's operators do not
//! give directly: trapping division and conversions, and the specification's
//! NaN rules for `min`, `max` and rounding.

use crate::Trap;

macro_rules! int_div {
    ($($div_s:ident, $div_u:ident, $rem_s:ident, $rem_u:ident: $s:ty, $u:ty;)*) => {$(
        #[inline(always)]
        pub(crate) fn $div_s(a: $s, b: $s) -> Result<$s, Trap> {
            if b == 0 {
                return Err(Trap::IntegerDivisionByZero);
            }
            a.checked_div(b).ok_or(Trap::IntegerOverflow)
        }

        #[inline(always)]
        pub(crate) fn $div_u(a: $u, b: $u) -> Result<$u, Trap> {
            a.checked_div(b).ok_or(Trap::IntegerDivisionByZero)
        }

        #[inline(always)]
        pub(crate) fn $rem_s(a: $s, b: $s) -> Result<$s, Trap> {
            if b == 0 {
                return Err(Trap::IntegerDivisionByZero);
            }
            Ok(a.wrapping_rem(b))
        }

        #[inline(always)]
        pub(crate) fn $rem_u(a: $u, b: $u) -> Result<$u, Trap> {
            a.checked_rem(b).ok_or(Trap::IntegerDivisionByZero)
        }
    )*};
}

int_div! {
    i32_div_s, i32_div_u, i32_rem_s, i32_rem_u: i32, u32;
    i64_div_s, i64_div_u, i64_rem_s, i64_rem_u: i64, u64;
}

macro_rules! float_ops {
    ($($min:ident, $max:ident, $quiet:ident, $ceil:ident, $floor:ident, $trunc:ident,
       $nearest:ident, $sqrt:ident: $f:ty, $bits:ty, $quiet_bit:expr;)*) => {$(
        /// Sets the quiet bit of a NaN: rounding and square root must return
        /// an arithmetic NaN even for a signalling input.
        #[inline(always)]
        pub(crate) fn $quiet(x: $f) -> $f {
            if x.is_nan() {
                <$f>::from_bits(x.to_bits() | $quiet_bit)
            } else {
                x
            }
        }

        /// `min` with NaN propagation and `-0 < +0`.
        #[inline(always)]
        pub(crate) fn $min(a: $f, b: $f) -> $f {
            if a.is_nan() || b.is_nan() {
                return a + b;
            }
            if a == b {
                return <$f>::from_bits(a.to_bits() | b.to_bits());
            }
            if a < b { a } else { b }
        }

        /// `max` with NaN propagation and `-0 < +0`.
        #[inline(always)]
        pub(crate) fn $max(a: $f, b: $f) -> $f {
            if a.is_nan() || b.is_nan() {
                return a + b;
            }
            if a == b {
                return <$f>::from_bits(a.to_bits() & b.to_bits());
            }
            if a > b { a } else { b }
        }

        #[inline(always)]
        pub(crate) fn $ceil(x: $f) -> $f {
            $quiet(x.ceil())
        }

        #[inline(always)]
        pub(crate) fn $floor(x: $f) -> $f {
            $quiet(x.floor())
        }

        #[inline(always)]
        pub(crate) fn $trunc(x: $f) -> $f {
            $quiet(x.trunc())
        }

        #[inline(always)]
        pub(crate) fn $nearest(x: $f) -> $f {
            $quiet(x.round_ties_even())
        }

        #[inline(always)]
        pub(crate) fn $sqrt(x: $f) -> $f {
            $quiet(x.sqrt())
        }
    )*};
}

float_ops! {
    f32_min, f32_max, f32_quiet, f32_ceil, f32_floor, f32_trunc, f32_nearest, f32_sqrt:
        f32, u32, 0x0040_0000;
    f64_min, f64_max, f64_quiet, f64_ceil, f64_floor, f64_trunc, f64_nearest, f64_sqrt:
        f64, u64, 0x0008_0000_0000_0000;
}

macro_rules! trunc {
    ($($name:ident: $f:ty => $i:ty, $lo:expr, $hi:expr;)*) => {$(
        /// Truncation that traps on NaN and on results out of range. The
        /// value is in range when `lo < x < hi` (both bounds exclusive).
        #[inline(always)]
        pub(crate) fn $name(x: $f) -> Result<$i, Trap> {
            if x.is_nan() {
                return Err(Trap::BadConversionToInteger);
            }
            if x > $lo && x < $hi {
                Ok(x as $i)
            } else {
                Err(Trap::IntegerOverflow)
            }
        }
    )*};
}

trunc! {
    i32_trunc_f32_s: f32 => i32, -2147483904.0, 2147483648.0;
    i32_trunc_f32_u: f32 => u32, -1.0, 4294967296.0;
    i32_trunc_f64_s: f64 => i32, -2147483649.0, 2147483648.0;
    i32_trunc_f64_u: f64 => u32, -1.0, 4294967296.0;
    i64_trunc_f32_s: f32 => i64, -9223373136366403584.0, 9223372036854775808.0;
    i64_trunc_f32_u: f32 => u64, -1.0, 18446744073709551616.0;
    i64_trunc_f64_s: f64 => i64, -9223372036854777856.0, 9223372036854775808.0;
    i64_trunc_f64_u: f64 => u64, -1.0, 18446744073709551616.0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_traps() {
        assert_eq!(i32_div_s(7, 0), Err(Trap::IntegerDivisionByZero));
        assert_eq!(i32_div_s(i32::MIN, -1), Err(Trap::IntegerOverflow));
        assert_eq!(i32_rem_s(i32::MIN, -1), Ok(0));
        assert_eq!(i64_div_u(7, 2), Ok(3));
        assert_eq!(i64_rem_u(7, 0), Err(Trap::IntegerDivisionByZero));
    }

    #[test]
    fn min_max_zero_and_nan() {
        assert!(f32_min(0.0, -0.0).is_sign_negative());
        assert!(f32_max(-0.0, 0.0).is_sign_positive());
        assert!(f64_min(f64::NAN, 1.0).is_nan());
        assert_eq!(f64_max(1.0, 2.0), 2.0);
    }

    #[test]
    fn rounding_quiets_signalling_nan() {
        let snan = f32::from_bits(0x7fa0_0000);
        assert_eq!(f32_ceil(snan).to_bits() & 0x0040_0000, 0x0040_0000);
        assert_eq!(f32_nearest(2.5), 2.0);
        assert_eq!(f64_nearest(-3.5), -4.0);
    }

    #[test]
    fn truncation_bounds() {
        assert_eq!(i32_trunc_f32_s(-2147483648.0), Ok(i32::MIN));
        assert_eq!(i32_trunc_f32_s(2147483648.0), Err(Trap::IntegerOverflow));
        assert_eq!(i32_trunc_f64_s(-2147483648.9), Ok(i32::MIN));
        assert_eq!(i32_trunc_f64_u(-0.9), Ok(0));
        assert_eq!(i64_trunc_f64_s(f64::NAN), Err(Trap::BadConversionToInteger));
        assert_eq!(i64_trunc_f32_u(-1.0), Err(Trap::IntegerOverflow));
    }
}
