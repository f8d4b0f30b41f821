# Golden values for the stats layer (src/stats), computed ONCE with R and stored beside this script.
#
# How they were produced: Debian 12's r-base-core (`apt-get install -y r-base-core`; R's splines package ships
# with base R), then, from the repository root:
#     Rscript test/stats/golden/make-golden.R test/stats/golden
# The script draws its synthetic data with set.seed(17) and writes ns.json, glm.json and distributions.json
# (numbers with 17 significant digits; R's version recorded in each file), and
#     npx biome format --write test/stats/golden
# (whitespace only, so the repository's lint passes). The tests in test/stats/ read the data
# from these files, fit them with the TypeScript code, and compare with R's answers. Never edit the JSON by hand:
# run the script again (and say so in the commit) if a case must change.
library(splines)
args <- commandArgs(TRUE)
out <- if (length(args)) args[1] else "."
set.seed(17)

num <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
vec <- function(x) paste0("[", paste(num(x), collapse = ","), "]")
strs <- function(x) paste0("[", paste0('"', x, '"', collapse = ","), "]")
mat <- function(m) paste0("[", paste(apply(m, 1, vec), collapse = ","), "]")
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste0('"', names(kv), '":', unlist(kv), collapse = ","), "}")
}
write_json <- function(text, file) writeLines(text, file.path(out, file))
r_version <- paste0('"', R.version.string, '"')

# --- ns(x, df): knots and basis, on heaped minutes like stop times --------------------------------------------
x <- c(sample(1000:1300, 90, replace = TRUE), 5 * round(sample(1000:1300, 30, replace = TRUE) / 5))
ns_cases <- sapply(1:6, function(df) {
  b <- ns(x, df = df)
  obj(df = df, knots = if (df > 1) vec(attr(b, "knots")) else "[]",
      boundary = vec(attr(b, "Boundary.knots")), basis = mat(unclass(b)))
})
write_json(obj(r = r_version, x = vec(x), cases = paste0("[", paste(ns_cases, collapse = ","), "]")), "ns.json")

# --- glm(binomial): a veil-of-darkness-like world ----------------------------------------------------------------
n <- 800
minute <- sample(1000:1260, n, replace = TRUE)
dusk <- sample(1040:1220, n, replace = TRUE)
is_dark <- as.integer(minute >= dusk)
district <- sample(c("A", "B", "C", "D"), n, replace = TRUE)
eta <- -0.2 + 0.3 * is_dark + 0.5 * sin(minute / 40) + c(A = 0, B = 0.4, C = -0.3, D = 0.8)[district]
y <- rbinom(n, 1, plogis(eta))
fit_case <- function(name, fit) {
  s <- summary(fit)$coefficients
  cf <- coef(fit)
  se <- rep(NA, length(cf)); names(se) <- names(cf); se[rownames(s)] <- s[, 2]
  obj(name = paste0('"', name, '"'), names = strs(names(cf)), coefficients = vec(cf), se = vec(se),
      deviance = num(fit$deviance), null_deviance = num(fit$null.deviance), iter = fit$iter,
      converged = tolower(fit$converged), fitted = vec(fitted(fit)))
}
cases <- c(
  fit_case("m0", glm(y ~ is_dark, family = binomial)),
  sapply(1:6, function(df) fit_case(paste0("ns", df), glm(y ~ is_dark + ns(minute, df = df), family = binomial))),
  fit_case("ns6_district", glm(y ~ is_dark + ns(minute, df = 6) + district, family = binomial))
)
# Aggregated rows: minute rounded to 5, binomial with prior weights (knots over the aggregated rows).
rounded <- 5 * round(minute / 5)
agg <- aggregate(cbind(s = y, w = 1) ~ is_dark + rounded, FUN = sum)
agg$yy <- agg$s / agg$w
cases <- c(cases, fit_case("aggregated_ns6",
  glm(yy ~ is_dark + ns(rounded, df = 6), weights = w, family = binomial, data = agg)))
# An aliased column: x2 = 2·x1 (R reports NA for the later one).
x1 <- rnorm(n)
x2 <- 2 * x1
cases <- c(cases, fit_case("aliased", glm(y ~ x1 + x2 + is_dark, family = binomial)))
write_json(obj(r = r_version,
  data = obj(minute = vec(minute), is_dark = vec(is_dark), district = strs(district), y = vec(y), x1 = vec(x1)),
  aggregated = obj(is_dark = vec(agg$is_dark), rounded = vec(agg$rounded), s = vec(agg$s), w = vec(agg$w)),
  cases = paste0("[", paste(cases, collapse = ","), "]")), "glm.json")

# --- distributions and quantiles ----------------------------------------------------------------------------------
z <- c(-38, -12, -8.5, -6, -4.2, -3, -1.959964, -1, -0.5, -0.3, 0, 0.2, 0.46875, 0.47, 1, 2.5, 4, 5.5, 9)
p <- c(1e-300, 1e-20, 1e-8, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.975, 0.999, 1 - 1e-12)
chi <- expand.grid(x = c(0.1, 1, 3.84, 7.5, 20, 60), k = c(1, 2, 3, 5, 12))
sample_q <- c(sample(1:50, 37, replace = TRUE), 3.5, 7.25)
probs <- c(0, 1 / 6, 0.25, 1 / 3, 0.5, 2 / 3, 0.9, 1)
write_json(obj(r = r_version, z = vec(z), pnorm = vec(pnorm(z)), p = vec(p), qnorm = vec(qnorm(p)),
  chi_x = vec(chi$x), chi_k = vec(chi$k), pchisq_upper = vec(pchisq(chi$x, chi$k, lower.tail = FALSE)),
  sample = vec(sample_q), probs = vec(probs), quantile7 = vec(quantile(sample_q, probs, type = 7, names = FALSE))),
  "distributions.json")
