/* A well-behaved site: the only cookie it writes is a strictly necessary
 * one (a cross-site request forgery token). */
document.cookie = 'XSRF-TOKEN=6f1d2c9a8b7e; path=/; SameSite=Strict';
