"""Listeners for other apps' signals. quizzes listens to none yet."""
