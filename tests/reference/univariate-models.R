# Reference values for the univariate models (escalc + rma.uni, rma.mh, rma.peto) from
# metafor 3.8.1 and the metadat datasets. Run: cd /work/main && Rscript tests/reference/univariate-models.R
source(file.path("tests", "reference", "univariate-helpers.R"))

bcg <- with(dat.bcg, data.frame(id = paste(author, year), ai = tpos, bi = tneg, ci = cpos, di = cneg, year = year, ablat = ablat, alloc = alloc))
normand <- with(dat.normand1999, data.frame(id = as.character(source), m1i, sd1i, n1i, m2i, sd2i, n2i))
molloy <- with(dat.molloy2014, data.frame(id = paste(authors, year), ri, ni))
pritz <- with(dat.pritz1997, data.frame(id = as.character(authors), xi, ni))
yusuf <- with(subset(dat.yusuf1985, table == "6"), data.frame(id = paste(id, trial), ai, n1i, ci, n2i))
li <- with(dat.li2007, data.frame(id = paste(study, year), ai, n1i, ci, n2i))
hine <- with(dat.hine1989, data.frame(id = as.character(source), ai, n1i, ci, n2i))
egger <- with(dat.egger2001, data.frame(id = paste(study, year), ai, n1i, ci, n2i))
raud <- with(dat.raudenbush1985, data.frame(id = paste(author, year, study), yi, vi))
hack <- with(dat.hackshaw1998, data.frame(id = paste(author, year, study), yi = log(or), sei = (log(or.ub) - log(or.lb)) / (2 * qnorm(0.975))))
konst <- with(dat.konstantopoulos2011, data.frame(id = paste(district, school), yi, vi))
curtis <- with(dat.curtis1998, data.frame(id = paste0("obs", id), m1i, sd1i, n1i, m2i, sd2i, n2i))
collins <- with(dat.collins1985a, data.frame(id = paste(trial, year), ai = b.xti, n1i = nti, ci = b.xci, n2i = nci))

fields <- list(
  binary_n = c("ai", "n1i", "ci", "n2i"), binary = c("ai", "bi", "ci", "di"),
  continuous = c("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"), cor = c("ri", "ni"), prop = c("xi", "ni"),
  gen_vi = c("yi", "vi"), gen_sei = c("yi", "sei")
)

cases <- list()
add_case <- function(name, df, fieldset, measure, method = "REML", test = "z", correction = NULL) {
  spec <- list(type = "univariate", measure = measure, method = method, test = test)
  if (!is.null(correction)) spec$correction <- correction
  spec$studies <- make_studies(df, fields[[fieldset]])
  r <- expected_univariate(spec, df)
  cases[[length(cases) + 1]] <<- list(name = name, spec = spec, expected = r$expected)
}

methods <- c("FE", "DL", "HE", "SJ", "ML", "REML", "PM")
for (m in methods) for (t in c("z", "knha")) add_case(paste("bcg RR", m, t), bcg, "binary", "RR", m, t)
add_case("bcg OR REML z", bcg, "binary", "OR")
add_case("bcg OR MH", bcg, "binary", "OR", "MH")
add_case("bcg RR MH", bcg, "binary", "RR", "MH")
add_case("bcg RD MH", bcg, "binary", "RD", "MH")
add_case("bcg OR PETO", bcg, "binary", "OR", "PETO")
add_case("bcg RD DL knha", bcg, "binary", "RD", "DL", "knha")
add_case("bcg k=2 REML", bcg[1:2, ], "binary", "RR", "REML")
add_case("bcg k=2 PM knha", bcg[1:2, ], "binary", "RR", "PM", "knha")
add_case("bcg k=2 DL", bcg[1:2, ], "binary", "RR", "DL")
for (m in c("REML", "ML", "PM", "SJ", "HE")) add_case(paste("bcg k=2 heterogeneous", m), bcg[c(1, 8), ], "binary", "RR", m)
add_case("bcg k=2 heterogeneous DL knha", bcg[c(1, 8), ], "binary", "RR", "DL", "knha")

for (m in c("FE", "DL", "REML")) add_case(paste("normand MD", m), normand, "continuous", "MD", m)
add_case("normand SMD REML", normand, "continuous", "SMD", "REML")
add_case("normand SMD HE knha", normand, "continuous", "SMD", "HE", "knha")
add_case("curtis SMD REML", curtis, "continuous", "SMD", "REML")
add_case("curtis MD SJ", curtis, "continuous", "MD", "SJ")

add_case("molloy ZCOR REML", molloy, "cor", "ZCOR", "REML")
add_case("molloy ZCOR PM knha", molloy, "cor", "ZCOR", "PM", "knha")
add_case("molloy COR DL", molloy, "cor", "COR", "DL")
add_case("molloy COR SJ", molloy, "cor", "COR", "SJ")
small <- molloy
small$ni[2] <- 3
add_case("molloy ZCOR with n = 3 skipped", small, "cor", "ZCOR", "REML")

add_case("pritz PR REML", pritz, "prop", "PR", "REML")
add_case("pritz PR FE", pritz, "prop", "PR", "FE")
add_case("pritz PLO REML", pritz, "prop", "PLO", "REML")
add_case("pritz PLO ML", pritz, "prop", "PLO", "ML")
add_case("pritz PFT REML", pritz, "prop", "PFT", "REML")
add_case("pritz PFT DL", pritz, "prop", "PFT", "DL")
add_case("pritz PLO correction all", pritz, "prop", "PLO", "REML", correction = list(to = "all"))
add_case("pritz PLO correction none", pritz, "prop", "PLO", "REML", correction = list(to = "none"))

add_case("yusuf OR REML", yusuf, "binary_n", "OR", "REML")
add_case("yusuf OR MH", yusuf, "binary_n", "OR", "MH")
add_case("yusuf OR PETO", yusuf, "binary_n", "OR", "PETO")
add_case("yusuf RR MH", yusuf, "binary_n", "RR", "MH")
add_case("yusuf RD MH", yusuf, "binary_n", "RD", "MH")
add_case("yusuf RD DL", yusuf, "binary_n", "RD", "DL")
add_case("yusuf OR drop00 false", yusuf, "binary_n", "OR", "DL", correction = list(drop00 = FALSE))
add_case("yusuf OR drop00 true", yusuf, "binary_n", "OR", "DL", correction = list(drop00 = TRUE))
add_case("yusuf RR REML (metafor default drop00 = FALSE)", yusuf, "binary_n", "RR", "REML")
add_case("yusuf RD MH drop00 false", yusuf, "binary_n", "RD", "MH", correction = list(drop00 = FALSE))
add_case("collins OR MH", collins, "binary_n", "OR", "MH")
add_case("collins OR REML", collins, "binary_n", "OR", "REML")

for (to in c("only0", "all", "if0all", "none")) add_case(paste("li OR correction", to), li, "binary_n", "OR", "DL", correction = list(to = to))
add_case("li OR correction value 0.1", li, "binary_n", "OR", "REML", correction = list(value = 0.1))
add_case("li RR REML", li, "binary_n", "RR", "REML")
add_case("li RD REML", li, "binary_n", "RD", "REML")
add_case("li RD MH", li, "binary_n", "RD", "MH")
add_case("li OR MH", li, "binary_n", "OR", "MH")
add_case("li OR PETO", li, "binary_n", "OR", "PETO")
add_case("egger OR MH", egger, "binary_n", "OR", "MH")
add_case("egger OR REML", egger, "binary_n", "OR", "REML")

# A table without participants in a group cannot be pooled: the core leaves it out and reports it
# (metafor would return NA for MH and Peto, and an outcome of the empty table for escalc).
empty <- rbind(bcg, data.frame(id = "Empty 2000", ai = 0, bi = 0, ci = 0, di = 0, year = 2000, ablat = NA, alloc = "random"))
add_case("bcg OR MH with an empty table", empty, "binary", "OR", "MH")
add_case("bcg RD MH with an empty table", empty, "binary", "RD", "MH")
add_case("bcg OR PETO with an empty table", empty, "binary", "OR", "PETO")
add_case("bcg OR REML with an empty table", empty, "binary", "OR", "REML")

add_case("hine RD DL (tau2 truncated at 0)", hine, "binary_n", "RD", "DL")
add_case("hine RD REML (tau2 truncated at 0)", hine, "binary_n", "RD", "REML")
add_case("hine RD PM (tau2 truncated at 0)", hine, "binary_n", "RD", "PM")
add_case("hine RD MH", hine, "binary_n", "RD", "MH")

add_case("raudenbush GEN REML", raud, "gen_vi", "GEN", "REML")
add_case("raudenbush GEN DL knha", raud, "gen_vi", "GEN", "DL", "knha")
add_case("raudenbush GEN ML", raud, "gen_vi", "GEN", "ML")
add_case("hackshaw GEN from CIs FE", hack, "gen_sei", "GEN", "FE")
add_case("hackshaw GEN from CIs REML", hack, "gen_sei", "GEN", "REML")
add_case("konstantopoulos GEN REML", konst, "gen_vi", "GEN", "REML")
add_case("konstantopoulos GEN PM knha", konst, "gen_vi", "GEN", "PM", "knha")

write_reference(list(generator = "tests/reference/univariate-models.R", metafor = as.character(packageVersion("metafor")), cases = cases), "univariate-models")
