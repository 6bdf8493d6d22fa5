"""Russian language: typography, names and their cases, the word forms of talks."""
