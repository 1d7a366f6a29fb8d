//! Notebooks outside Jupyter: read an .ipynb, execute it in-process, write it back and
//! export a standalone HTML handout.
