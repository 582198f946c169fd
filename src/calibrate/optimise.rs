//! The two numerical tools the fits need: Nelder–Mead minimisation over a few unconstrained
//! parameters, and the first diagonal entry of a positive definite matrix's inverse (the
//! variance of the conversion from the observed information).

/// `(A^{-1})_{00}` of a symmetric positive definite matrix (Cholesky), `None` otherwise.
#[allow(clippy::needless_range_loop, reason = "Cholesky by index, as written")]
pub(super) fn inverse_first(a: &[Vec<f64>]) -> Option<f64> {
    let n = a.len();
    let mut l = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = a[i][j] - (0..j).map(|k| l[i][k] * l[j][k]).sum::<f64>();
            if i == j {
                if s.is_nan() || s <= 0.0 {
                    return None;
                }
                l[i][i] = s.sqrt();
            } else {
                l[i][j] = s / l[j][j];
            }
        }
    }
    // Solve L L^T z = e0; the answer is z0.
    let mut y = vec![0.0; n];
    for i in 0..n {
        let e = if i == 0 { 1.0 } else { 0.0 };
        y[i] = (e - (0..i).map(|k| l[i][k] * y[k]).sum::<f64>()) / l[i][i];
    }
    let mut z = vec![0.0; n];
    for i in (0..n).rev() {
        z[i] = (y[i] - (i + 1..n).map(|k| l[k][i] * z[k]).sum::<f64>()) / l[i][i];
    }
    Some(z[0])
}

/// Minimises `f` by Nelder–Mead from `start` (steps of 0.3 in each log-parameter), restarted
/// once from its answer in three dimensions or more (where a simplex collapses more easily);
/// a non-finite value counts as worse than any finite one.
pub(super) fn nelder_mead(mut f: impl FnMut(&[f64]) -> f64, start: Vec<f64>) -> (Vec<f64>, f64) {
    let mut g = |x: &[f64]| {
        let v = f(x);
        if v.is_finite() { v } else { f64::INFINITY }
    };
    let n = start.len();
    if n == 0 {
        let v = g(&start);
        return (start, v);
    }
    let mut best = (start, f64::INFINITY);
    let steps: &[f64] = if n >= 3 { &[0.3, 0.05] } else { &[0.3] };
    for &step in steps {
        let mut simplex: Vec<(Vec<f64>, f64)> = Vec::with_capacity(n + 1);
        let v0 = g(&best.0);
        simplex.push((best.0.clone(), v0));
        for i in 0..n {
            let mut x = best.0.clone();
            x[i] += step;
            let v = g(&x);
            simplex.push((x, v));
        }
        for _ in 0..400 * n {
            simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
            let (lo, hi) = (simplex[0].1, simplex[n].1);
            let size = simplex
                .iter()
                .flat_map(|(x, _)| x.iter().zip(&simplex[0].0).map(|(a, b)| (a - b).abs()))
                .fold(0.0, f64::max);
            if (hi - lo).abs() <= 1e-9 * (1.0 + lo.abs()) && size < 1e-5 {
                break;
            }
            let centroid: Vec<f64> = (0..n)
                .map(|i| simplex[..n].iter().map(|(x, _)| x[i]).sum::<f64>() / n as f64)
                .collect();
            let towards = |t: f64| -> Vec<f64> {
                centroid
                    .iter()
                    .zip(&simplex[n].0)
                    .map(|(c, w)| c + t * (w - c))
                    .collect()
            };
            let reflected = towards(-1.0);
            let fr = g(&reflected);
            if fr < simplex[0].1 {
                let expanded = towards(-2.0);
                let fe = g(&expanded);
                simplex[n] = if fe < fr {
                    (expanded, fe)
                } else {
                    (reflected, fr)
                };
            } else if fr < simplex[n - 1].1 {
                simplex[n] = (reflected, fr);
            } else {
                let contracted = if fr < simplex[n].1 {
                    towards(-0.5)
                } else {
                    towards(0.5)
                };
                let fc = g(&contracted);
                if fc < simplex[n].1.min(fr) {
                    simplex[n] = (contracted, fc);
                } else {
                    let best_x = simplex[0].0.clone();
                    for (x, v) in simplex.iter_mut().skip(1) {
                        for (xi, bi) in x.iter_mut().zip(&best_x) {
                            *xi = bi + 0.5 * (*xi - bi);
                        }
                        *v = g(x);
                    }
                }
            }
        }
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        if simplex[0].1 <= best.1 || !best.1.is_finite() {
            best = simplex.swap_remove(0);
        }
    }
    best
}
